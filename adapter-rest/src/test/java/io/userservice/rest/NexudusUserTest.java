package io.userservice.rest;

import static io.userservice.rest.NexudusUserObjectTest.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NexudusUserTest {

    private final RestFixture api = new RestFixture();

    @AfterAll
    void stop() {
        api.close();
    }

    private RestFixture.Reply me(String authorization) {
        return api.send("GET", "/en/user/me", null, null, Map.of("Authorization", authorization));
    }

    private RestFixture.Reply validate(String email, String password) {
        return api.post("/api/sys/users/validate", Map.of("Email", email, "Password", password));
    }

    @Test
    void meAcceptsBasicAndBearer() {
        String access = api.signedIn("me@example.com", "correct horse").json().path("accessToken").asText();

        RestFixture.Reply byBasic = me(basic("me@example.com", "correct horse"));
        RestFixture.Reply byBearer = me("Bearer " + access);

        assertThat(byBasic.status()).isEqualTo(200);
        assertThat(byBasic.header("Content-Type")).startsWith("application/json");
        assertThat(byBasic.json().path("Email").asText()).isEqualTo("me@example.com");
        assertThat(byBearer.status()).isEqualTo(200);
        assertThat(byBearer.json().path("Id")).isEqualTo(byBasic.json().path("Id"));
        assertThat(byBearer.json().path("AccessToken").asText())
                .isNotEqualTo(byBasic.json().path("AccessToken").asText());
    }

    @Test
    void meWithAWrongPasswordOrAnUnconfirmedUserIs401() {
        api.signedIn("wrong@example.com", "correct horse");
        api.post("/users", Map.of("email", "unconfirmed@example.com", "password", "correct horse"));

        assertUnauthenticated(me(basic("wrong@example.com", "wrong horse")));
        assertUnauthenticated(me(basic("nobody@example.com", "correct horse")));
        assertUnauthenticated(me(basic("unconfirmed@example.com", "correct horse")));
        assertUnauthenticated(api.get("/en/user/me"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic !!!", "Basic ", "Basic", "Bearer", "Bearer ", "Bearer not.a.token", "Digest abc",
            "basic%%", "Basic Og==", "Basic =====", "Bearer \u00e9\u00e9"})
    void malformedAuthorizationIs401NeverAServerError(String authorization) {
        assertUnauthenticated(me(authorization));
    }

    @Test
    void basicWithoutAColonIs401() {
        String noColon = Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8));

        assertUnauthenticated(me("Basic " + noColon));
    }

    @Test
    void theAccessTokenOfMeSignsIntoThePortalOnce() {
        api.signedIn("link@example.com", "correct horse");
        String token = me(basic("link@example.com", "correct horse")).json().path("AccessToken").asText();
        String link = "/en/user/login?t=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&redirectUrl=%2Fen%2F";

        RestFixture.Reply first = api.get(link);
        RestFixture.Reply second = api.get(link);

        assertThat(first.status()).isEqualTo(303);
        assertThat(first.header("Location")).endsWith("/en/");
        assertThat(first.header("Set-Cookie")).startsWith(PortalResource.SESSION_COOKIE + "=");
        assertThat(second.status()).isEqualTo(303);
        assertThat(second.header("Location")).endsWith("/en/?error=link");
        assertThat(second.header("Set-Cookie")).isNull();
    }

    @Test
    void validateAnswersWithTheUserInTheEnvelope() {
        api.signedIn("validate@example.com", "correct horse");

        RestFixture.Reply reply = validate("validate@example.com", "correct horse");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("WasSuccessful").asBoolean()).isTrue();
        assertThat(reply.json().path("Value").path("Email").asText()).isEqualTo("validate@example.com");
        assertThat(reply.json().path("Value").path("AccessToken").isNull()).isTrue();
    }

    @Test
    void validateRefusesBadCredentialsWithTheSeedsEnvelope() {
        api.signedIn("refused@example.com", "correct horse");
        api.post("/users", Map.of("email", "refused-unconfirmed@example.com", "password", "correct horse"));

        RestFixture.Reply wrong = validate("refused@example.com", "wrong horse");
        RestFixture.Reply unknown = validate("nobody@example.com", "correct horse");
        RestFixture.Reply unconfirmed = validate("refused-unconfirmed@example.com", "correct horse");
        RestFixture.Reply garbage = validate("not an email", "");

        for (RestFixture.Reply reply : new RestFixture.Reply[] {wrong, unknown, unconfirmed, garbage}) {
            assertThat(reply.status()).isEqualTo(200);
            JsonNode envelope = reply.json();
            assertThat(envelope.path("Status").asInt()).isEqualTo(500);
            assertThat(envelope.path("Message").asText()).isEqualTo(Envelope.INVALID_CREDENTIALS);
            assertThat(envelope.path("Value").isNull()).isTrue();
            assertThat(envelope.path("WasSuccessful").asBoolean()).isFalse();
        }
        assertThat(wrong.body()).isEqualTo(unknown.body()).isEqualTo(unconfirmed.body());
    }

    @Test
    void validateWithoutABodyIsABadRequest() {
        RestFixture.Reply reply = api.send("POST", "/api/sys/users/validate", "application/json", "", Map.of());

        assertThat(reply.status()).isEqualTo(400);
    }

    @Test
    void existsComparesEmailsCanonically() {
        api.signedIn("jane@example.com", "correct horse");

        assertThat(api.get("/en/user/exists?email=jane%40example.com").body()).isEqualTo("true");
        assertThat(api.get("/en/user/exists?email=%20Jane%40Example.COM%20").body()).isEqualTo("true");
        assertThat(api.get("/fr/user/exists?email=john%40example.com").body()).isEqualTo("false");
        assertThat(api.get("/en/user/exists").body()).isEqualTo("false");
        assertThat(api.get("/en/user/exists?email=").body()).isEqualTo("false");
        assertThat(api.get("/en/user/exists?email=%3Cscript%3E").body()).isEqualTo("false");
        RestFixture.Reply reply = api.get("/en/user/exists?email=jane%40example.com");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void thePortalStillAnswersBesideTheseEndpoints() {
        assertThat(api.get("/en/").status()).isEqualTo(200);
        assertThat(api.get("/en/").body()).contains("<form");
    }

    private static void assertUnauthenticated(RestFixture.Reply reply) {
        assertThat(reply.status()).isEqualTo(401);
        JsonNode envelope = reply.json();
        assertThat(envelope.path("Status").asInt()).isEqualTo(401);
        assertThat(envelope.path("WasSuccessful").asBoolean()).isFalse();
        assertThat(envelope.has("Value")).isTrue();
    }
}
