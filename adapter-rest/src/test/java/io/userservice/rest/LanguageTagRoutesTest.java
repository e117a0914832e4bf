package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The links of mails to users with a regional or scripted language open like any other. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LanguageTagRoutesTest {

    private final RestFixture api = new RestFixture();

    @AfterAll
    void stop() {
        api.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"de-CH", "pt-BR", "zh-Hant-TW", "sr-Latn-RS", "es-419", "en"})
    void everyPageOpensUnderALanguageTagOfUpToFourSubtags(String tag) {
        assertThat(api.get("/" + tag + "/user/confirm?code=abc").status()).isEqualTo(200);
        assertThat(api.get("/" + tag + "/user/resetPassword/complete?code=abc").status()).isEqualTo(200);
        assertThat(api.get("/" + tag + "/").status()).isEqualTo(200);
        assertThat(api.get("/" + tag + "/user/login?t=not-a-token").status()).isEqualTo(303);
        assertThat(api.get("/" + tag + "/user/exists?email=nobody%40example.com").status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "toolong-tag", "de-CH-x-y-z", "de_CH", "12"})
    void anythingElseIsNoLanguage(String tag) {
        assertThat(api.get("/" + tag + "/user/resetPassword/complete").status()).isIn(400, 404);
    }
}
