package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.domain.MailKind;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasswordResetTest {

    private final RestFixture api = new RestFixture();

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void theAnswerIsTheSameWhetherOrNotTheEmailExists() {
        api.signedIn("exists@example.com", "correct horse");

        RestFixture.Reply known = api.post("/users/password/reset", Map.of("email", "exists@example.com"));
        RestFixture.Reply unknown = api.post("/users/password/reset", Map.of("email", "ghost@example.com"));
        RestFixture.Reply garbage = api.post("/users/password/reset", Map.of("email", "ghost"));

        assertThat(known.status()).isEqualTo(202);
        assertThat(known.body()).isEqualTo(unknown.body()).isEqualTo(garbage.body());
        assertThat(api.lastCode(MailKind.PASSWORD_RESET, "ghost@example.com")).isEmpty();
        assertThat(api.lastCode(MailKind.PASSWORD_RESET, "exists@example.com")).isPresent();
    }

    @Test
    void aResetCodeSetsANewPasswordOnceAndEndsExistingSessions() {
        String refresh = api.signedIn("reset@example.com", "old password").json().path("refreshToken").asText();
        api.post("/users/password/reset", Map.of("email", "reset@example.com"));
        String code = api.lastCode(MailKind.PASSWORD_RESET, "reset@example.com").orElseThrow();

        RestFixture.Reply tooShort = api.post("/users/password/reset/complete", Map.of("code", code, "password", "short"));
        RestFixture.Reply done = api.post("/users/password/reset/complete", Map.of("code", code, "password", "new password"));
        RestFixture.Reply reused = api.post("/users/password/reset/complete",
                Map.of("code", code, "password", "another password"));

        assertThat(tooShort.status()).isEqualTo(422);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().path("user").path("email").asText()).isEqualTo("reset@example.com");
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.errorCode()).isEqualTo("invalid_code");
        assertThat(api.post("/auth/login", Map.of("email", "reset@example.com", "password", "old password")).status())
                .isEqualTo(401);
        assertThat(api.post("/auth/login", Map.of("email", "reset@example.com", "password", "new password")).status())
                .isEqualTo(200);
        assertThat(api.post("/auth/token", Map.of("refreshToken", refresh)).status()).isEqualTo(401);
    }
}
