package io.userservice.rest;

import static io.userservice.rest.NexudusUserObjectTest.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An unknown email, a wrong password and a wrong password for an unconfirmed user get the same
 * status and body on every way of signing in (the work done is the same by construction: a dummy
 * hash is verified for unknown emails).
 */
class EqualAnswersTest {

    private static final String PASSWORD = "correct horse battery";

    private final RestFixture api = new RestFixture();

    @AfterEach
    void stop() {
        api.close();
    }

    private void assertAlike(BiFunction<String, String, RestFixture.Reply> attempt, int expectedStatus) {
        api.signedIn("known@example.com", PASSWORD);
        api.post("/users", Map.of("email", "unconfirmed@example.com", "password", PASSWORD));

        List<RestFixture.Reply> replies = List.of(
                attempt.apply("known@example.com", "not the password"),
                attempt.apply("nobody@example.com", "not the password"),
                attempt.apply("nobody@example.com", PASSWORD),
                attempt.apply("unconfirmed@example.com", "not the password"),
                attempt.apply("not an email", PASSWORD));

        assertThat(replies).extracting(RestFixture.Reply::status).containsOnly(expectedStatus);
        assertThat(replies).extracting(RestFixture.Reply::comparableBody).containsOnly(replies.get(0).comparableBody());
    }

    @Test
    void nativeLogin() {
        assertAlike((email, password) -> api.post("/auth/login", Map.of("email", email, "password", password)), 401);
    }

    @Test
    void basicAuthentication() {
        assertAlike((email, password) -> api.send("GET", "/en/user/me", null, null,
                Map.of("Authorization", basic(email, password))), 401);
    }

    @Test
    void seedTokenEndpoint() {
        assertAlike((email, password) -> api.post("/api/sys/users/token",
                Map.of("email", email, "password", password)), 200);
    }

    @Test
    void seedValidateEndpoint() {
        assertAlike((email, password) -> api.post("/api/sys/users/validate",
                Map.of("Email", email, "Password", password)), 200);
    }
}
