package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.userservice.core.domain.MailKind;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NexudusPasswordResetTest {

    private static final String SENT = "We have sent you an email with instructions on how to change your password.";

    private final RestFixture api = new RestFixture();

    @AfterAll
    void stop() {
        api.close();
    }

    private RestFixture.Reply bySysApi(String email) {
        return api.send("POST", "/api/sys/users/resetPassword?email=" + email, null, null, Map.of());
    }

    private RestFixture.Reply byPortal(String email) {
        return api.get("/en/user/resetPassword?email=" + email);
    }

    @Test
    void theSysApiSendsTheResetMailToAKnownUser() {
        api.signedIn("sys-reset@example.com", "correct horse");

        RestFixture.Reply reply = bySysApi("%20Sys-Reset%40example.com");

        assertSent(reply);
        String code = api.lastCode(MailKind.PASSWORD_RESET, "sys-reset@example.com").orElseThrow();
        assertThat(api.post("/users/password/reset/complete", Map.of("code", code, "password", "new battery staple"))
                .status()).isEqualTo(200);
    }

    @Test
    void thePortalSendsTheResetMailToAKnownUser() {
        api.signedIn("portal-reset@example.com", "correct horse");

        assertSent(byPortal("portal-reset%40example.com"));
        assertThat(api.lastCode(MailKind.PASSWORD_RESET, "portal-reset@example.com")).isPresent();
    }

    @Test
    void theSysApiAcceptsAJsonContentTypeWithoutABody() {
        api.signedIn("json-reset@example.com", "correct horse");

        assertSent(api.send("POST", "/api/sys/users/resetPassword?email=json-reset%40example.com",
                "application/json", null, Map.of()));
    }

    @Test
    void anUnknownEmailIsNotFoundAndNothingIsSent() {
        int before = api.sent().size();

        RestFixture.Reply sys = bySysApi("nobody%40example.com");
        RestFixture.Reply portal = byPortal("nobody%40example.com");
        RestFixture.Reply missing = api.get("/en/user/resetPassword");
        RestFixture.Reply garbage = bySysApi("%3Cscript%3E");

        for (RestFixture.Reply reply : new RestFixture.Reply[] {sys, portal, missing, garbage}) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.json().path("Status").asInt()).isEqualTo(404);
            assertThat(reply.json().path("WasSuccessful").asBoolean()).isFalse();
        }
        assertThat(api.sent()).hasSize(before);
    }

    private static void assertSent(RestFixture.Reply reply) {
        assertThat(reply.status()).isEqualTo(200);
        JsonNode envelope = reply.json();
        assertThat(envelope.path("Status").asInt()).isEqualTo(200);
        assertThat(envelope.path("Message").asText()).isEqualTo(SENT);
        assertThat(envelope.path("WasSuccessful").asBoolean()).isTrue();
        assertThat(envelope.path("Value").isNull()).isTrue();
        assertThat(envelope.path("Errors").isNull()).isTrue();
    }
}
