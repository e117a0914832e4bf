package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Role;
import io.userservice.core.port.in.ChangeRoleUseCase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The portal's account pages: change password, sessions, delete account. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalAccountPagesTest {

    private static final String PASSWORD = "correct horse";
    private static final String NEW_PASSWORD = "an even better horse";
    private static final String ORIGIN = "https://id.example.com";
    private static final String FORM = "application/x-www-form-urlencoded";

    private final RestFixture api = new RestFixture();

    @AfterAll
    void stop() {
        api.close();
    }

    /** Registers and signs in through the portal's form; returns the session cookie. */
    private String portalSession(String email) {
        api.signedIn(email, PASSWORD);
        return signInToPortal(email, PASSWORD);
    }

    private String signInToPortal(String email, String password) {
        RestFixture.Reply reply = api.send("POST", "/en/user/signin", FORM,
                "email=" + enc(email) + "&password=" + enc(password), Map.of("Origin", ORIGIN));
        assertThat(reply.status()).isEqualTo(303);
        return cookieOf(reply);
    }

    private static String cookieOf(RestFixture.Reply reply) {
        String setCookie = reply.header("Set-Cookie");
        assertThat(setCookie).startsWith("usersvc_session=");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private RestFixture.Reply page(String path, String cookie) {
        return api.send("GET", path, null, null, cookie == null ? Map.of() : Map.of("Cookie", cookie));
    }

    private RestFixture.Reply form(String path, String cookie, String body, String origin) {
        Map<String, String> headers = new HashMap<>();
        if (cookie != null) {
            headers.put("Cookie", cookie);
        }
        headers.put("Origin", origin);
        return api.send("POST", path, FORM, body, headers);
    }

    private RestFixture.Reply form(String path, String cookie, String body) {
        return form(path, cookie, body, ORIGIN);
    }

    private boolean canLogIn(String email, String password) {
        return api.post("/auth/login", Map.of("email", email, "password", password)).status() == 200;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void assertPageHeaders(RestFixture.Reply reply) {
        assertThat(reply.header("Content-Type")).startsWith("text/html");
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        assertThat(reply.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(reply.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(reply.body()).doesNotContain("<script").doesNotContain("style=\"").doesNotContain("<style");
    }

    // --- abuse first ---

    @Test
    void formsPostedFromAnotherOriginAreRefusedAndChangeNothing() {
        String cookie = portalSession("foreign@example.com");

        List<RestFixture.Reply> refused = List.of(
                form("/en/user/password", cookie, "currentPassword=" + enc(PASSWORD) + "&newPassword="
                        + enc(NEW_PASSWORD), "https://evil.example.com"),
                form("/en/user/sessions/signout-all", cookie, "", "https://evil.example.com"),
                form("/en/user/delete", cookie, "password=" + enc(PASSWORD) + "&confirm=yes",
                        "https://evil.example.com"),
                api.send("POST", "/en/user/delete", FORM, "password=" + enc(PASSWORD) + "&confirm=yes",
                        Map.of("Cookie", cookie, "Origin", "null", "Sec-Fetch-Site", "cross-site")));

        for (RestFixture.Reply reply : refused) {
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.header("Set-Cookie")).isNull();
            assertThat(reply.body()).contains("<html lang=\"en\">", "This form can only be sent from this site.");
            assertPageHeaders(reply);
        }
        assertThat(canLogIn("foreign@example.com", PASSWORD)).isTrue();
        assertThat(page("/en/", cookie).body()).contains("foreign@example.com");
    }

    @Test
    void withoutAPortalSessionEveryPageAndFormSendsToTheSignInPage() {
        portalSession("nosession@example.com");
        List<RestFixture.Reply> replies = List.of(
                page("/en/user/password", null),
                page("/en/user/sessions", null),
                page("/de/user/delete", null),
                page("/en/user/sessions", "usersvc_session=forged"),
                form("/en/user/password", null, "currentPassword=" + enc(PASSWORD) + "&newPassword="
                        + enc(NEW_PASSWORD)),
                form("/en/user/sessions/signout-all", "usersvc_session=forged", ""),
                form("/en/user/delete", null, "password=" + enc(PASSWORD) + "&confirm=yes"),
                api.send("POST", "/en/user/delete", FORM, "password=" + enc(PASSWORD) + "&confirm=yes",
                        Map.of("Origin", ORIGIN, "Authorization", "Bearer "
                                + api.signedIn("nosession@example.com", PASSWORD).json().path("accessToken")
                                .asText())));

        for (RestFixture.Reply reply : replies) {
            assertThat(reply.status()).isEqualTo(303);
            assertThat(reply.header("Location")).matches(".*/(en|de)/$");
        }
        assertThat(page("/en/", null).body()).contains("action=\"/en/user/signin\"");
        assertThat(canLogIn("nosession@example.com", PASSWORD)).isTrue();
    }

    @Test
    void anotherUsersSessionIdIsNotFoundAndThatSessionLives() {
        String annCookie = portalSession("ann.portal@example.com");
        JsonNode bobLogin = api.signedIn("bob.portal@example.com", PASSWORD).json();
        String bobsAccess = bobLogin.path("accessToken").asText();
        String bobsSession = api.get("/user/sessions", bobsAccess).json().path("sessions").get(0).path("id").asText();

        RestFixture.Reply byAnn = form("/en/user/sessions/signout", annCookie, "id=" + enc(bobsSession));
        RestFixture.Reply garbage = form("/en/user/sessions/signout", annCookie, "id=..%2F..%2Fadmin");
        RestFixture.Reply missing = form("/en/user/sessions/signout", annCookie, "");
        RestFixture.Reply annsList = page("/en/user/sessions", annCookie);

        for (RestFixture.Reply reply : List.of(byAnn, garbage, missing)) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.body()).contains("This session does not exist or has already ended.");
            assertPageHeaders(reply);
        }
        assertThat(annsList.body()).doesNotContain(bobsSession);
        assertThat(api.get("/user/sessions", bobsAccess).json().path("sessions").toString()).contains(bobsSession);
        assertThat(api.post("/auth/token", Map.of("refreshToken", bobLogin.path("refreshToken").asText())).status())
                .isEqualTo(200);
    }

    @Test
    void aSessionStartedByAnAdministratorsTokenCannotDeleteTheAccountWithoutThePassword() {
        JsonNode dee = api.signedIn("dee.portal@example.com", PASSWORD).json();
        JsonNode admin = api.signedIn("admin.portal@example.com", PASSWORD).json();
        api.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(),
                admin.path("user").path("id").asLong(), Role.ADMIN, true, ClientAddress.unknown()));
        String minted = api.send("POST", "/api/sys/users/" + dee.path("user").path("id").asLong() + "/token/refresh",
                "application/json", "{}", Map.of("Authorization", "Bearer " + admin.path("accessToken").asText()))
                .json().path("Value").asText();
        String cookie = cookieOf(api.get("/en/user/login?t=" + enc(minted)));
        assertThat(page("/en/", cookie).body()).contains("dee.portal@example.com");

        RestFixture.Reply noPassword = form("/en/user/delete", cookie, "confirm=yes");
        RestFixture.Reply emptyPassword = form("/en/user/delete", cookie, "password=&confirm=yes");
        RestFixture.Reply wrongPassword = form("/en/user/delete", cookie, "password=guess&confirm=yes");
        RestFixture.Reply notConfirmed = form("/en/user/delete", cookie, "password=" + enc(PASSWORD));

        for (RestFixture.Reply reply : List.of(noPassword, emptyPassword, wrongPassword)) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.body()).contains("The password you entered is not correct.", "action=\"/en/user/delete\"");
            assertThat(reply.header("Set-Cookie")).isNull();
        }
        assertThat(notConfirmed.status()).isEqualTo(422);
        assertThat(notConfirmed.body()).contains("Please tick the box");
        assertThat(canLogIn("dee.portal@example.com", PASSWORD)).isTrue();
    }

    @Test
    void aWrongCurrentPasswordIsRefusedThenThrottled() {
        String cookie = portalSession("cat.portal@example.com");

        RestFixture.Reply wrong = form("/en/user/password", cookie,
                "currentPassword=nope&newPassword=" + enc(NEW_PASSWORD));
        for (int i = 0; i < 9; i++) {
            form("/en/user/password", cookie, "currentPassword=nope&newPassword=" + enc(NEW_PASSWORD));
        }
        RestFixture.Reply throttled = form("/en/user/password", cookie,
                "currentPassword=" + enc(PASSWORD) + "&newPassword=" + enc(NEW_PASSWORD));
        RestFixture.Reply deleteThrottled = form("/en/user/delete", cookie, "password=" + enc(PASSWORD)
                + "&confirm=yes");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("The password you entered is not correct.",
                "autocomplete=\"current-password\"", "autocomplete=\"new-password\"");
        assertPageHeaders(wrong);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotBlank();
        assertThat(throttled.body()).contains("Too many attempts.");
        assertThat(deleteThrottled.status()).isEqualTo(429);
        assertThat(canLogIn("cat.portal@example.com", NEW_PASSWORD)).isFalse();
        assertThat(page("/en/", cookie).body()).contains("cat.portal@example.com");
    }

    @Test
    void aPasswordThePolicyRefusesNamesTheRule() {
        String cookie = portalSession("short.portal@example.com");

        RestFixture.Reply tooShort = form("/en/user/password", cookie,
                "currentPassword=" + enc(PASSWORD) + "&newPassword=abc");

        assertThat(tooShort.status()).isEqualTo(422);
        assertThat(tooShort.body()).containsPattern("The password must be at least \\d+ characters long.");
        assertThat(canLogIn("short.portal@example.com", PASSWORD)).isTrue();
    }

    // --- happy paths ---

    @Test
    void changingThePasswordSignsOutEverywhereAndAsksToSignInAgain() {
        String cookie = portalSession("eve.portal@example.com");
        String refresh = api.post("/auth/login", Map.of("email", "eve.portal@example.com", "password", PASSWORD))
                .json().path("refreshToken").asText();
        RestFixture.Reply form = page("/en/user/password", cookie);

        RestFixture.Reply changed = form("/en/user/password", cookie,
                "currentPassword=" + enc(PASSWORD) + "&newPassword=" + enc(NEW_PASSWORD));

        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("action=\"/en/user/password\"", "name=\"currentPassword\"",
                "autocomplete=\"current-password\"", "name=\"newPassword\"", "autocomplete=\"new-password\"");
        assertPageHeaders(form);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body()).contains("Your password has been changed");
        assertThat(changed.header("Set-Cookie")).startsWith("usersvc_session=;").contains("Max-Age=0");
        assertPageHeaders(changed);
        assertThat(page("/en/", cookie).body()).contains("action=\"/en/user/signin\"");
        assertThat(api.post("/auth/token", Map.of("refreshToken", refresh)).status()).isEqualTo(401);
        assertThat(canLogIn("eve.portal@example.com", PASSWORD)).isFalse();
        assertThat(page("/en/", signInToPortal("eve.portal@example.com", NEW_PASSWORD)).body())
                .contains("eve.portal@example.com");
    }

    @Test
    void theSessionsPageListsSessionsWithoutTokensAndSignsOutOneOrAll() {
        String cookie = portalSession("fay.portal@example.com");
        JsonNode phone = api.send("POST", "/auth/login", "application/json",
                RestFixture.json(Map.of("email", "fay.portal@example.com", "password", PASSWORD)),
                Map.of("User-Agent", "Phone <b>App</b>", RestFixture.CLIENT_ADDRESS_HEADER, "198.51.100.7")).json();
        JsonNode laptop = api.post("/auth/login", Map.of("email", "fay.portal@example.com", "password", PASSWORD))
                .json();
        JsonNode listed = api.get("/user/sessions", phone.path("accessToken").asText()).json().path("sessions");
        String phoneSession = null;
        for (JsonNode s : listed) {
            if ("198.51.100.7".equals(s.path("clientAddress").asText())) {
                phoneSession = s.path("id").asText();
            }
        }
        assertThat(phoneSession).isNotNull();

        RestFixture.Reply list = page("/en/user/sessions", cookie);
        RestFixture.Reply endOne = form("/en/user/sessions/signout", cookie, "id=" + enc(phoneSession));

        assertThat(list.status()).isEqualTo(200);
        assertPageHeaders(list);
        assertThat(list.body()).contains("198.51.100.7", "Phone &lt;b&gt;App&lt;/b&gt;", "value=\"" + phoneSession + "\"",
                "action=\"/en/user/sessions/signout\"", "action=\"/en/user/sessions/signout-all\"",
                "Sign out everywhere", "Last used")
                .doesNotContain(phone.path("refreshToken").asText()).doesNotContain(phone.path("accessToken").asText())
                .doesNotContain(laptop.path("refreshToken").asText()).doesNotContain("<b>App");
        assertThat(endOne.status()).isEqualTo(200);
        assertThat(endOne.body()).contains("The session has been signed out.").doesNotContain(phoneSession);
        assertThat(api.post("/auth/token", Map.of("refreshToken", phone.path("refreshToken").asText())).status())
                .isEqualTo(401);
        assertThat(api.post("/auth/token", Map.of("refreshToken", laptop.path("refreshToken").asText())).status())
                .isEqualTo(200);
        assertThat(page("/en/", cookie).body()).contains("fay.portal@example.com");

        RestFixture.Reply all = form("/en/user/sessions/signout-all", cookie, "");

        assertThat(all.status()).isEqualTo(303);
        assertThat(all.header("Location")).endsWith("/en/?info=signedout");
        assertThat(all.header("Set-Cookie")).contains("Max-Age=0");
        assertThat(page("/en/", cookie).body()).contains("action=\"/en/user/signin\"");
        assertThat(api.get("/user", laptop.path("accessToken").asText()).status()).isEqualTo(401);
    }

    @Test
    void deletingTheAccountEndsThePortalSessionAndSaysTheAccountIsGone() {
        String cookie = portalSession("gus.portal@example.com");
        String access = api.post("/auth/login", Map.of("email", "gus.portal@example.com", "password", PASSWORD))
                .json().path("accessToken").asText();
        RestFixture.Reply form = page("/en/user/delete", cookie);

        RestFixture.Reply deleted = form("/en/user/delete", cookie, "password=" + enc(PASSWORD) + "&confirm=yes");

        assertThat(form.body()).contains("action=\"/en/user/delete\"", "type=\"checkbox\"",
                "autocomplete=\"current-password\"");
        assertPageHeaders(form);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).contains("Your account has been deleted.");
        assertThat(deleted.header("Set-Cookie")).contains("Max-Age=0");
        assertPageHeaders(deleted);
        assertThat(page("/en/", cookie).body()).contains("action=\"/en/user/signin\"");
        assertThat(api.get("/user", access).status()).isEqualTo(401);
        assertThat(canLogIn("gus.portal@example.com", PASSWORD)).isFalse();
    }

    @Test
    void theHomePageLinksThePagesAndThePagesSpeakGermanAndEnglish() {
        String cookie = portalSession("hal.portal@example.com");

        RestFixture.Reply home = page("/de/", cookie);
        RestFixture.Reply de = page("/de/user/password", cookie);
        RestFixture.Reply deSessions = page("/de/user/sessions", cookie);
        RestFixture.Reply deDelete = page("/de/user/delete", cookie);
        RestFixture.Reply enSessions = page("/en/user/sessions", cookie);
        RestFixture.Reply deWrong = form("/de/user/password", cookie,
                "currentPassword=nope&newPassword=" + enc(NEW_PASSWORD));

        assertThat(home.body()).contains("href=\"/de/user/password\"", "href=\"/de/user/sessions\"",
                "href=\"/de/user/delete\"", "Passwort ändern", "Sitzungen", "Konto löschen");
        assertThat(de.body()).contains("<html lang=\"de\">", "Aktuelles Passwort", "Neues Passwort");
        assertThat(deSessions.body()).contains("<html lang=\"de\">", "Überall abmelden", "Zuletzt verwendet");
        assertThat(deDelete.body()).contains("<html lang=\"de\">", "Mein Konto löschen");
        assertThat(enSessions.body()).contains("<html lang=\"en\">", "Sign out everywhere", "Last used");
        assertThat(deWrong.status()).isEqualTo(401);
        assertThat(deWrong.body()).contains("<html lang=\"de\">", "Das eingegebene Passwort ist nicht korrekt.");
    }
}
