package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A directory the service can only read: every surface says so with a clear answer, and sign-in still works. */
class ReadOnlyDirectoryHttpTest {

    private static final String PASSWORD = "a long enough password";

    private final RestFixture api = new RestFixture();
    private String token;

    @BeforeEach
    void aUserThenReadOnly() {
        token = api.signedIn("ann@example.com", PASSWORD).json().path("accessToken").asText();
        api.directoryReadOnly.set(true);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static void assertRefused(RestFixture.Reply reply, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(403);
        assertThat(reply.errorCode()).isEqualTo(code);
        assertThat(reply.json().path("error").path("message").asText()).containsIgnoringCase("directory");
    }

    @Test
    void theNativeApiAnswers403WithTheCapabilityCode() {
        assertRefused(api.post("/users", Map.of("email", "new@example.com", "password", PASSWORD)),
                "registration_disabled");
        assertRefused(api.post("/users/password/reset", Map.of("email", "ann@example.com")), "managed_by_directory");
        assertRefused(api.post("/users/password/reset/complete", Map.of("code", "a-code", "password", PASSWORD)),
                "managed_by_directory");
        assertRefused(api.send("PUT", "/user/name", "application/json",
                RestFixture.json(Map.of("firstname", "Other")), Map.of("Authorization", "Bearer " + token)),
                "managed_by_directory");
    }

    @Test
    void signInTokensAndAttributesStillWork() {
        assertThat(api.post("/auth/login", Map.of("email", "ann@example.com", "password", PASSWORD)).status())
                .isEqualTo(200);
        assertThat(api.post("/user/attributes", Map.of("attributeKey", "plan", "attributeText", "gold"), token)
                .status()).isEqualTo(200);
        assertThat(api.get("/user", token).json().path("user").path("email").asText()).isEqualTo("ann@example.com");
    }

    @Test
    void theNexudusEndpointsAnswerInTheirEnvelope() {
        RestFixture.Reply reset = api.send("POST", "/api/sys/users/resetPassword?email=ann%40example.com", null, null,
                Map.of());
        RestFixture.Reply portalReset = api.get("/en/user/resetPassword?email=ann%40example.com");

        for (RestFixture.Reply reply : new RestFixture.Reply[] {reset, portalReset}) {
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.json().path("WasSuccessful").asBoolean(true)).isFalse();
            assertThat(reply.json().path("Message").asText()).contains("directory");
        }
    }

    @Test
    void theResetPageSaysItInTheLanguageOfItsLink() {
        for (String[] lang : new String[][] {{"en", "managed by your organization"}, {"de", "Organisation"},
                {"fr", "organisation"}, {"es", "organización"}}) {
            RestFixture.Reply page = api.send("POST", "/" + lang[0] + "/user/resetPassword/complete",
                    "application/x-www-form-urlencoded", "code=a-code&password=a+long+enough+password",
                    Map.of("Origin", "https://id.example.com"));

            assertThat(page.status()).isEqualTo(403);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.body()).contains(lang[1]);
        }
    }
}
