package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokensTest {

    private final RestFixture api = new RestFixture();

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void loginAnswersWithTheUserAndBothTokens() throws Exception {
        RestFixture.Reply login = api.signedIn("login@example.com", "correct horse");

        assertThat(login.status()).isEqualTo(200);
        JsonNode json = login.json();
        assertThat(json.path("status").asText()).isEqualTo("success");
        assertThat(json.path("user").path("email").asText()).isEqualTo("login@example.com");
        assertThat(json.path("user").path("confirmed").asBoolean()).isTrue();
        assertThat(json.path("refreshToken").asText()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(login.header("Cache-Control")).isEqualTo("no-store");
        String[] parts = json.path("accessToken").asText().split("\\.");
        JsonNode header = RestFixture.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = RestFixture.JSON.readTree(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(header.path("kid").asText()).isNotEmpty();
        assertThat(claims.path("email").asText()).isEqualTo("login@example.com");
        assertThat(claims.path("id").isNumber()).isTrue();
        for (String claim : new String[] {"iss", "aud", "sub", "exp", "iat", "nbf", "jti", "firstname", "lastname",
                "language", "permissionLevel", "roles"}) {
            assertThat(claims.has(claim)).as(claim).isTrue();
        }
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        api.signedIn("known@example.com", "correct horse");

        RestFixture.Reply wrong = api.post("/auth/login", Map.of("email", "known@example.com", "password", "wrong horse"));
        RestFixture.Reply unknown = api.post("/auth/login", Map.of("email", "nobody@example.com", "password", "wrong horse"));
        RestFixture.Reply notAnEmail = api.post("/auth/login", Map.of("email", "nobody", "password", "wrong horse"));

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.comparableBody()).isEqualTo(unknown.comparableBody()).isEqualTo(notAnEmail.comparableBody());
        assertThat(wrong.errorCode()).isEqualTo("invalid_credentials");
    }

    @Test
    void refreshRotatesAndTheOldTokenStopsWorkingOnceTheGraceWindowIsOver() {
        String first = api.signedIn("rotate@example.com", "correct horse").json().path("refreshToken").asText();

        RestFixture.Reply rotated = api.post("/auth/token", Map.of("refreshToken", first));
        RestFixture.Reply raced = api.post("/auth/token", Map.of("refreshToken", first));

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json().path("status").asText()).isEqualTo("success");
        String second = rotated.json().path("refreshToken").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(rotated.json().path("accessToken").asText()).isNotEmpty();
        assertThat(rotated.header("Cache-Control")).isEqualTo("no-store");
        assertThat(raced.status()).isEqualTo(200);
        assertThat(raced.json().path("refreshToken").asText()).isEqualTo(second);
    }

    @Test
    void logoutRevokesTheRefreshToken() {
        String refresh = api.signedIn("logout@example.com", "correct horse").json().path("refreshToken").asText();

        RestFixture.Reply logout = api.post("/auth/logout", Map.of("refreshToken", refresh));
        RestFixture.Reply after = api.post("/auth/token", Map.of("refreshToken", refresh));

        assertThat(logout.status()).isEqualTo(204);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.errorCode()).isEqualTo("invalid_refresh_token");
    }

    @Test
    void unknownRefreshTokensAre401() {
        RestFixture.Reply reply = api.post("/auth/token", Map.of("refreshToken", "nope"));
        RestFixture.Reply missing = api.post("/auth/token", Map.of());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("invalid_refresh_token");
        assertThat(missing.status()).isEqualTo(401);
    }

    @Test
    void bearerRoutesNeedAValidAccessToken() {
        String access = api.signedIn("bearer@example.com", "correct horse").json().path("accessToken").asText();
        String tampered = access.substring(0, access.length() - 4) + (access.endsWith("AAAA") ? "BBBB" : "AAAA");

        RestFixture.Reply none = api.get("/user");
        RestFixture.Reply garbage = api.get("/user", "garbage");
        RestFixture.Reply bad = api.get("/user", tampered);
        RestFixture.Reply basic = api.send("GET", "/user", null, null, Map.of("Authorization", "Basic Zm9vOmJhcg=="));
        RestFixture.Reply good = api.get("/user", access);

        for (RestFixture.Reply reply : new RestFixture.Reply[] {none, garbage, bad, basic}) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.errorCode()).isEqualTo("invalid_token");
            assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
        }
        assertThat(good.status()).isEqualTo(200);
        assertThat(good.json().path("user").path("email").asText()).isEqualTo("bearer@example.com");
        assertThat(good.json().path("user").has("attributes")).isFalse();
    }

    @Test
    void publishesThePublicSigningKeysOnly() {
        RestFixture.Reply reply = api.get("/.well-known/jwks.json");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode key = reply.json().path("keys").get(0);
        assertThat(key.path("kty").asText()).isEqualTo("RSA");
        assertThat(key.path("kid").asText()).isNotEmpty();
        assertThat(key.path("alg").asText()).isEqualTo("RS256");
        assertThat(key.has("d")).isFalse();
        assertThat(key.has("p")).isFalse();
    }
}
