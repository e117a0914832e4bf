package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.userservice.core.contract.SoftwareAuthenticator;
import io.userservice.core.crypto.WebAuthn4jPasskeyVerifier;
import io.userservice.core.memory.InMemoryPasskeyState;
import io.userservice.core.settings.CoreSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The portal's passkey routes: own origin only, own session only, own passkeys only. */
class PortalPasskeysTest {

    private static final String ORIGIN = "https://id.example.com";
    private static final String PASSWORD = "correct horse battery";
    private static final String FORM = "application/x-www-form-urlencoded";

    private final RestFixture api = new RestFixture(CoreSettings.defaults(), builder -> builder.passkeys(
            InMemoryPasskeyState.create(), new WebAuthn4jPasskeyVerifier(URI.create(ORIGIN))));

    @AfterEach
    void stop() {
        api.close();
    }

    private String portalSession(String email) {
        api.signedIn(email, PASSWORD);
        RestFixture.Reply reply = api.send("POST", "/en/user/signin", FORM, "email="
                + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8), Map.of("Origin", ORIGIN));
        assertThat(reply.status()).isEqualTo(303);
        String setCookie = reply.header("Set-Cookie");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private RestFixture.Reply json(String path, Object body, String cookie, String origin) {
        return api.send("POST", path, "application/json", RestFixture.JSON.valueToTree(body).toString(),
                cookie == null ? Map.of("Origin", origin) : Map.of("Origin", origin, "Cookie", cookie));
    }

    private SoftwareAuthenticator addedThroughThePortal(String cookie) {
        JsonNode options = json("/en/user/passkeys/options", Map.of("password", PASSWORD), cookie, ORIGIN).json();
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator(ORIGIN).counter(1);
        RestFixture.Reply added = json("/en/user/passkeys", Map.of("name", "Laptop", "credential", RestFixture.JSON
                .valueToTree(parse(authenticator.register(options.path("challenge").asText(),
                        options.path("user").path("id").asText())))), cookie, ORIGIN);
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().path("location").asText()).isEqualTo("/en/user/passkeys?info=added");
        return authenticator;
    }

    private static JsonNode parse(String text) {
        try {
            return RestFixture.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void callsFromAnotherSiteOrWithoutASessionAreRefused() {
        String cookie = portalSession("ann@example.com");

        assertThat(json("/en/user/passkeys/options", Map.of("password", PASSWORD), cookie, "https://evil.example")
                .status()).isEqualTo(403);
        assertThat(json("/en/user/passkeys/options", Map.of("password", PASSWORD), null, ORIGIN).status())
                .isEqualTo(401);
        assertThat(json("/en/user/passkey", Map.of("credential", Map.of()), null, "https://evil.example").status())
                .isEqualTo(403);
        assertThat(json("/en/user/passkeys/options", Map.of("password", "wrong password"), cookie, ORIGIN).status())
                .isEqualTo(401);
        assertThat(api.get("/en/user/passkeys").status()).isEqualTo(303);
    }

    @Test
    void aPasskeyAddedOnThePortalSignsIntoThePortalAndShowsOnThePage() {
        String cookie = portalSession("ann@example.com");
        SoftwareAuthenticator authenticator = addedThroughThePortal(cookie);
        RestFixture.Reply page = api.send("GET", "/en/user/passkeys", null, null, Map.of("Cookie", cookie));
        assertThat(page.body()).contains("Laptop").contains("<script src=\"/assets/passkeys.js\" defer></script>");
        assertThat(page.header("Content-Security-Policy")).startsWith("script-src 'self'; connect-src 'self'; ")
                .doesNotContain("unsafe-inline");

        String challenge = api.post("/auth/passkey/options", Map.of()).json().path("challenge").asText();
        RestFixture.Reply signedIn = json("/en/user/passkey",
                Map.of("credential", parse(authenticator.assertion(challenge))), null, ORIGIN);

        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.json().path("location").asText()).isEqualTo("/en/");
        String session = signedIn.header("Set-Cookie");
        assertThat(session).startsWith("usersvc_session=").contains("HttpOnly");
        assertThat(api.send("GET", "/en/", null, null, Map.of("Cookie", session.substring(0, session.indexOf(';'))))
                .body()).contains("ann@example.com");
    }

    @Test
    void anotherUsersPasskeyCannotBeRenamedOrRemovedFromThePortal() {
        String ann = portalSession("ann@example.com");
        String bob = portalSession("bob@example.com");
        addedThroughThePortal(ann);
        String annsId = api.get("/user/passkeys", api.post("/auth/login", Map.of("email", "ann@example.com",
                "password", PASSWORD)).json().path("accessToken").asText()).json().path("passkeys").get(0)
                .path("id").asText();

        RestFixture.Reply rename = api.send("POST", "/en/user/passkeys/" + annsId + "/rename", FORM, "name=Mine",
                Map.of("Origin", ORIGIN, "Cookie", bob));
        RestFixture.Reply delete = api.send("POST", "/en/user/passkeys/" + annsId + "/delete", FORM, "",
                Map.of("Origin", ORIGIN, "Cookie", bob));
        RestFixture.Reply foreign = api.send("POST", "/en/user/passkeys/" + annsId + "/delete", FORM, "",
                Map.of("Origin", "https://evil.example", "Cookie", ann));

        assertThat(rename.status()).isEqualTo(404);
        assertThat(delete.status()).isEqualTo(404);
        assertThat(foreign.status()).isEqualTo(403);
        RestFixture.Reply own = api.send("POST", "/en/user/passkeys/" + annsId + "/rename", FORM, "name=Phone",
                Map.of("Origin", ORIGIN, "Cookie", ann));
        assertThat(own.status()).isEqualTo(303);
        assertThat(api.send("GET", "/en/user/passkeys", null, null, Map.of("Cookie", ann)).body()).contains("Phone");
    }
}
