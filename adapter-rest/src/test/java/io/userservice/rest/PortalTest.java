package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalTest {

    private final RestFixture api = new RestFixture();

    @AfterAll
    void stop() {
        api.close();
    }

    private String portalToken(String email) {
        api.signedIn(email, "correct horse");
        RestFixture.Reply reply = api.post("/api/sys/users/token",
                Map.of("email", email, "password", "correct horse", "validityInMinutes", 30));
        assertThat(reply.status()).isEqualTo(200);
        return reply.json().path("Value").asText();
    }

    private RestFixture.Reply loginLink(String token, String redirectUrl) {
        String query = "t=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + (redirectUrl == null ? "" : "&redirectUrl=" + URLEncoder.encode(redirectUrl, StandardCharsets.UTF_8));
        return api.get("/en/user/login?" + query);
    }

    private static String sessionCookie(RestFixture.Reply reply) {
        String setCookie = reply.header("Set-Cookie");
        assertThat(setCookie).startsWith("usersvc_session=");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Test
    void theTokenEndpointAnswersWithTheSeedsEnvelope() {
        api.signedIn("envelope@example.com", "correct horse");

        JsonNode ok = api.post("/api/sys/users/token",
                Map.of("email", "envelope@example.com", "password", "correct horse", "validityInMinutes", 30)).json();
        JsonNode bad = api.post("/api/sys/users/token",
                Map.of("email", "envelope@example.com", "password", "wrong horse")).json();
        JsonNode unknown = api.post("/api/sys/users/token",
                Map.of("email", "nobody@example.com", "password", "wrong horse")).json();
        JsonNode tooLong = api.post("/api/sys/users/token",
                Map.of("email", "envelope@example.com", "password", "correct horse", "validityInMinutes", 100_000))
                .json();

        for (String key : new String[] {"Status", "Message", "Value", "OpenInDialog", "OpenInWindow", "RedirectURL",
                "JavaScript", "UpdatedOn", "UpdatedBy", "Errors", "WasSuccessful"}) {
            assertThat(ok.has(key)).as(key).isTrue();
        }
        assertThat(ok.path("Status").asInt()).isEqualTo(200);
        assertThat(ok.path("Message").asText()).isEqualTo("OK");
        assertThat(ok.path("WasSuccessful").asBoolean()).isTrue();
        assertThat(ok.path("Value").asText().split("\\.")).hasSize(3);
        assertThat(bad.path("Status").asInt()).isEqualTo(500);
        assertThat(bad.path("Message").asText()).isEqualTo("The email address or password you entered is not valid.");
        assertThat(bad.path("WasSuccessful").asBoolean()).isFalse();
        assertThat(bad).isEqualTo(unknown);
        assertThat(tooLong.path("WasSuccessful").asBoolean()).isFalse();
        assertThat(tooLong.path("Status").asInt()).isEqualTo(400);
    }

    @Test
    void aTokenSignsIntoThePortalOnceAndStillWorksAsABearer() {
        String token = portalToken("once@example.com");

        RestFixture.Reply first = loginLink(token, "/en/bookings?day=today");
        RestFixture.Reply second = loginLink(token, null);

        assertThat(first.status()).isEqualTo(303);
        assertThat(first.header("Location")).endsWith("/en/bookings?day=today");
        String setCookie = first.header("Set-Cookie");
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Lax").contains("Secure").contains("Path=/");
        assertThat(first.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(second.status()).isEqualTo(303);
        assertThat(second.header("Location")).endsWith("/en/?error=link");
        assertThat(second.header("Set-Cookie")).isNull();
        assertThat(api.get("/user", token).status()).isEqualTo(200);

        RestFixture.Reply home = api.send("GET", "/en/", null, null, Map.of("Cookie", sessionCookie(first)));
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.header("Content-Type")).startsWith("text/html");
        assertThat(home.body()).contains("once@example.com").contains("Sign out");
        assertThat(home.header("Cache-Control")).isEqualTo("no-store");
        assertThat(home.header("Content-Security-Policy")).contains("default-src 'none'");
    }

    @Test
    void withoutASessionTheHomePageIsTheSignInForm() {
        RestFixture.Reply page = api.get("/en/");
        RestFixture.Reply unknownMessage = api.get("/pt-BR/?error=%3Cscript%3E");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\" action=\"/en/user/signin\"");
        assertThat(unknownMessage.status()).isEqualTo(200);
        assertThat(unknownMessage.body()).doesNotContain("<script>").contains("action=\"/pt-BR/user/signin\"");
    }

    @Test
    void aBadLinkLandsOnTheSignInPageWithAMessage() {
        RestFixture.Reply bad = loginLink("not-a-token", "/en/somewhere");
        RestFixture.Reply page = api.get("/en/?error=link");

        assertThat(bad.status()).isEqualTo(303);
        assertThat(bad.header("Location")).endsWith("/en/?error=link");
        assertThat(page.body()).contains("This sign-in link is invalid").contains("<form method=\"post\"");
    }

    @Test
    void anOrdinaryAccessTokenIsNoSignInLink() {
        String access = api.signedIn("plain@example.com", "correct horse").json().path("accessToken").asText();

        assertThat(loginLink(access, null).header("Location")).endsWith("/en/?error=link");
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example.com/", "https://evil.example.com/", "/\\evil.example.com",
            "\\\\evil.example.com", "javascript:alert(1)", "/en/\r\nSet-Cookie: x=y", "evil.example.com",
            "/%0d%0aLocation: https://evil.example.com", "///evil.example.com", " /en/", "http:/evil.example.com",
            "/\tevil", "//%65vil.example.com"})
    void redirectsNeverLeaveTheHost(String redirectUrl) {
        String token = portalToken("redirect" + Math.abs(redirectUrl.hashCode()) + "@example.com");

        RestFixture.Reply reply = loginLink(token, redirectUrl);

        assertThat(reply.status()).isEqualTo(303);
        String location = reply.header("Location");
        assertThat(location).doesNotContain("evil").doesNotContain("\r").doesNotContain("\n");
        assertThat(location).satisfiesAnyOf(
                l -> assertThat(l).endsWith("/en/"),
                l -> assertThat(l).contains("/%0d%0aLocation"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https:evil.example.com", "%2F%2Fevil.example.com", "/%2F%2Fevil.example.com",
            "/%5Cevil.example.com", "//evil.example.com@id.example.com", "/en/..//evil.example.com",
            "\u2215\u2215evil.example.com", "ftp://evil.example.com", "data:text/html,evil", "//evil%E3%80%82example.com",
            "/.//evil.example.com", "https://id.example.com.evil.example.com/", "/\u0000//evil.example.com",
            "/?next=//evil.example.com", "#//evil.example.com"})
    void everyRedirectResolvesToThisHost(String redirectUrl) {
        String token = portalToken("resolve" + Math.abs(redirectUrl.hashCode()) + "@example.com");

        RestFixture.Reply reply = loginLink(token, redirectUrl);

        assertThat(reply.status()).isEqualTo(303);
        URI location = URI.create("https://id.example.com/en/user/login").resolve(reply.header("Location"));
        assertThat(location.getHost()).as(reply.header("Location")).isIn("id.example.com", "127.0.0.1");
        assertThat(location.getRawUserInfo()).isNull();
        assertThat(location.getScheme()).isIn("http", "https");
    }

    @Test
    void signInWithAPasswordAndSignOut() {
        api.signedIn("form@example.com", "correct horse");

        RestFixture.Reply wrong = api.send("POST", "/en/user/signin", "application/x-www-form-urlencoded",
                "email=form%40example.com&password=wrong", Map.of("Origin", "https://id.example.com"));
        RestFixture.Reply foreign = api.send("POST", "/en/user/signin", "application/x-www-form-urlencoded",
                "email=form%40example.com&password=correct+horse", Map.of("Origin", "https://evil.example.com"));
        RestFixture.Reply signedIn = api.send("POST", "/en/user/signin", "application/x-www-form-urlencoded",
                "email=form%40example.com&password=correct+horse", Map.of("Origin", "https://id.example.com"));
        String cookie = sessionCookie(signedIn);
        RestFixture.Reply out = api.send("POST", "/en/user/signout", null, null,
                Map.of("Cookie", cookie, "Origin", "https://id.example.com"));
        RestFixture.Reply after = api.send("GET", "/en/", null, null, Map.of("Cookie", cookie));

        assertThat(wrong.header("Location")).endsWith("/en/?error=credentials");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.header("Set-Cookie")).isNull();
        assertThat(foreign.body()).contains("<html lang=\"en\">", "This form can only be sent from this site.");
        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(out.header("Set-Cookie")).contains("Max-Age=0");
        assertThat(after.body()).contains("Sign in").doesNotContain("form@example.com");
    }
}
