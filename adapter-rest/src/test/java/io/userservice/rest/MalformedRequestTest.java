package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestTest {

    private final RestFixture api = new RestFixture();

    @AfterAll
    void stop() {
        api.close();
    }

    private RestFixture.Reply postRaw(String path, String contentType, String body) {
        return api.send("POST", path, contentType, body, Map.of());
    }

    private static void assertError(RestFixture.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.json().path("status").asText()).isEqualTo("error");
        assertThat(reply.errorCode()).isEqualTo(code);
        assertThat(reply.json().path("error").path("message").asText()).isNotBlank();
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("at io.");
    }

    @Test
    void malformedJsonIs400() {
        assertError(postRaw("/users", "application/json", "{\"email\": \"a@b.co\", "), 400, "malformed_json");
        assertError(postRaw("/users", "application/json", "{not json}"), 400, "malformed_json");
        assertError(postRaw("/auth/login", "application/json", "[1,2,3]"), 400, "malformed_json");
        assertError(postRaw("/auth/login", "application/json", "{} {}"), 400, "malformed_json");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertError(postRaw("/auth/login", "application/json",
                "{\"email\":\"a@example.com\",\"email\":\"b@example.com\",\"password\":\"x\"}"), 400, "malformed_json");
    }

    @Test
    void wrongTypesAre400() {
        assertError(postRaw("/users", "application/json", "{\"email\": 123, \"password\": \"long enough\"}"),
                400, "invalid_json");
        assertError(postRaw("/users", "application/json", "{\"email\": {\"$ne\": 1}, \"password\": \"long enough\"}"),
                400, "invalid_json");
    }

    @Test
    void deepNestingIs400() {
        String deepInIgnoredField = "{\"extra\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        String deepInField = "{\"email\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertError(postRaw("/users", "application/json", deepInIgnoredField), 400, "malformed_json");
        assertError(postRaw("/users", "application/json", deepInField), 400, "invalid_json");
    }

    @Test
    void aMissingBodyIs400() {
        assertError(postRaw("/auth/login", "application/json", ""), 400, "missing_body");
        assertError(postRaw("/auth/login", "application/json", "null"), 400, "missing_body");
    }

    @Test
    void wrongOrMissingMediaTypeIs415() {
        assertError(postRaw("/users", "text/plain", "email=a@b.co"), 415, "unsupported_media_type");
        assertError(postRaw("/users", "application/x-www-form-urlencoded", "email=a@b.co"), 415,
                "unsupported_media_type");
        assertError(postRaw("/users", null, "{}"), 415, "unsupported_media_type");
    }

    @Test
    void largeBodiesAre413() {
        String big = "{\"email\":\"a@example.com\",\"password\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}";
        String justOver = "{\"email\":\"a@example.com\",\"password\":\"" + "x".repeat(70 * 1024) + "\"}";
        assertError(api.sendDeclaringLength("/users", big.length()), 413, "payload_too_large");
        // the server closes the connection after an early 413: a connection of its own, never a pooled one
        assertError(api.postJsonOnOwnConnection("/users", justOver), 413, "payload_too_large");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() {
        byte[] big = ("{\"email\":\"" + "x".repeat(200 * 1024) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertError(api.sendChunked("/users", big), 413, "payload_too_large");
    }

    @Test
    void unknownRoutesAndMethodsHaveTheErrorShape() {
        assertError(api.get("/nowhere"), 404, "not_found");
        RestFixture.Reply wrongMethod = api.send("DELETE", "/users", null, null, Map.of());
        assertError(wrongMethod, 405, "method_not_allowed");
        assertThat(wrongMethod.header("Allow")).contains("POST");
    }

    @Test
    void optionsListsTheAllowedMethods() {
        RestFixture.Reply reply = api.send("OPTIONS", "/users", null, null, Map.of("Accept", "text/plain"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Allow")).contains("POST").contains("OPTIONS");
        assertThat(reply.body()).contains("POST");
    }

    @Test
    void hugePasswordsAreAFastClientError() {
        String huge = "p".repeat(60_000);
        RestFixture.Reply register = api.post("/users", Map.of("email", "huge@example.com", "password", huge));
        RestFixture.Reply login = api.post("/auth/login", Map.of("email", "huge@example.com", "password", huge));

        assertError(register, 422, "password_too_long");
        assertError(login, 401, "invalid_credentials");
    }

    @Test
    void everyResponseForbidsSniffing() {
        assertThat(api.get("/health").header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(api.get("/nowhere").header("X-Content-Type-Options")).isEqualTo("nosniff");
    }
}
