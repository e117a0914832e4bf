package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.userservice.core.contract.SoftwareAuthenticator;
import io.userservice.core.crypto.WebAuthn4jPasskeyVerifier;
import io.userservice.core.memory.InMemoryPasskeyState;
import io.userservice.core.settings.CoreSettings;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The passkey routes over HTTP, with a software authenticator in a browser at the service's public URL. */
class PasskeyRoutesTest {

    private static final String ORIGIN = "https://id.example.com";
    private static final String PASSWORD = "correct horse battery";

    private final RestFixture api = new RestFixture(CoreSettings.defaults(), builder -> builder.passkeys(
            InMemoryPasskeyState.create(), new WebAuthn4jPasskeyVerifier(URI.create(ORIGIN))));

    @AfterEach
    void stop() {
        api.close();
    }

    private String signedIn(String email) {
        return api.signedIn(email, PASSWORD).json().path("accessToken").asText();
    }

    private RestFixture.Reply patch(String path, Object body, String token) {
        return api.send("PATCH", path, "application/json", RestFixture.JSON.valueToTree(body).toString(),
                Map.of("Authorization", "Bearer " + token));
    }

    private SoftwareAuthenticator registered(String token) {
        JsonNode options = api.post("/user/passkeys/registration/options", Map.of("password", PASSWORD), token).json();
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator(ORIGIN).counter(1);
        RestFixture.Reply created = api.post("/user/passkeys", Map.of("name", "Laptop", "credential",
                json(authenticator.register(options.path("challenge").asText(),
                        options.path("user").path("id").asText()))), token);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return authenticator;
    }

    private String signInChallenge() {
        return api.post("/auth/passkey/options", Map.of()).json().path("challenge").asText();
    }

    private static JsonNode json(String text) {
        try {
            return RestFixture.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theCreationOptionsAreWebAuthnsJsonWithTheServicesRelyingPartyAndAnOpaqueHandle() {
        String token = signedIn("ann@example.com");

        JsonNode options = api.post("/user/passkeys/registration/options", Map.of(), token).json();

        assertThat(options.path("rp").path("id").asText()).isEqualTo("id.example.com");
        assertThat(options.path("user").path("name").asText()).isEqualTo("ann@example.com");
        assertThat(options.path("user").path("id").asText()).isNotBlank().doesNotContain("ann");
        assertThat(options.path("challenge").asText()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(options.path("authenticatorSelection").path("residentKey").asText()).isEqualTo("required");
        assertThat(options.path("authenticatorSelection").path("userVerification").asText()).isEqualTo("required");
        assertThat(options.path("attestation").asText()).isEqualTo("none");
        assertThat(options.path("pubKeyCredParams").findValuesAsText("alg")).contains("-7");
        assertThat(options.path("excludeCredentials").isArray()).isTrue();
    }

    @Test
    void aTokenFromARefreshNeedsThePasswordForOptionsAndAWrongOneIsRefused() {
        RestFixture.Reply login = api.signedIn("ann@example.com", PASSWORD);
        String refreshed = api.post("/auth/token", Map.of("refreshToken", login.json().path("refreshToken").asText()))
                .json().path("accessToken").asText();

        RestFixture.Reply withoutPassword = api.post("/user/passkeys/registration/options", Map.of(), refreshed);
        RestFixture.Reply wrongPassword = api.post("/user/passkeys/registration/options",
                Map.of("password", "wrong password"), refreshed);

        assertThat(withoutPassword.status()).isEqualTo(401);
        assertThat(withoutPassword.errorCode()).isEqualTo("reauthentication_required");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.errorCode()).isEqualTo("invalid_credentials");
        assertThat(api.post("/user/passkeys/registration/options", Map.of("password", PASSWORD), refreshed).status())
                .isEqualTo(200);
        assertThat(api.post("/user/passkeys/registration/options", Map.of(), "not-a-token").status()).isEqualTo(401);
    }

    @Test
    void registerListRenameSignInAndDelete() {
        String token = signedIn("ann@example.com");
        SoftwareAuthenticator authenticator = registered(token);
        JsonNode listed = api.get("/user/passkeys", token).json().path("passkeys");
        assertThat(listed).hasSize(1);
        String id = listed.get(0).path("id").asText();
        assertThat(listed.get(0).path("name").asText()).isEqualTo("Laptop");
        assertThat(listed.get(0).path("lastUsedAt").isNull()).isTrue();
        assertThat(listed.get(0).toString()).doesNotContain(authenticator.credentialIdText());

        RestFixture.Reply signIn = api.post("/auth/passkey",
                Map.of("credential", json(authenticator.assertion(signInChallenge()))));
        assertThat(signIn.status()).as(signIn.body()).isEqualTo(200);
        assertThat(signIn.json().path("status").asText()).isEqualTo("success");
        assertThat(signIn.json().path("user").path("email").asText()).isEqualTo("ann@example.com");
        assertThat(signIn.json().path("refreshToken").asText()).isNotBlank();
        String passkeyToken = signIn.json().path("accessToken").asText();
        assertThat(api.get("/user", passkeyToken).status()).isEqualTo(200);
        assertThat(api.get("/user/passkeys", token).json().path("passkeys").get(0).path("lastUsedAt").isNull())
                .isFalse();

        RestFixture.Reply renamed = patch("/user/passkeys/" + id, Map.of("name", "Work laptop"), token);
        assertThat(renamed.json().path("passkey").path("name").asText()).isEqualTo("Work laptop");
        assertThat(api.get("/user/export", token).json().path("passkeys").get(0).path("name").asText())
                .isEqualTo("Work laptop");
        assertThat(api.delete("/user/passkeys/" + id, token).status()).isEqualTo(204);
        assertThat(api.get("/user/passkeys", token).json().path("passkeys")).isEmpty();
        assertThat(api.post("/auth/passkey", Map.of("credential", json(authenticator.assertion(signInChallenge()))))
                .status()).isEqualTo(401);
    }

    @Test
    void anotherUsersPasskeyIdIsNotFound() {
        String ann = signedIn("ann@example.com");
        String bob = signedIn("bob@example.com");
        registered(ann);
        String annsId = api.get("/user/passkeys", ann).json().path("passkeys").get(0).path("id").asText();

        RestFixture.Reply rename = patch("/user/passkeys/" + annsId, Map.of("name", "Mine"), bob);
        RestFixture.Reply delete = api.delete("/user/passkeys/" + annsId, bob);

        assertThat(rename.status()).isEqualTo(404);
        assertThat(rename.errorCode()).isEqualTo("passkey_not_found");
        assertThat(delete.status()).isEqualTo(404);
        assertThat(api.get("/user/passkeys", ann).json().path("passkeys")).hasSize(1);
    }

    @Test
    void aReplayedAssertionAndAReusedRegistrationAreRefused() {
        String token = signedIn("ann@example.com");
        JsonNode options = api.post("/user/passkeys/registration/options", Map.of("password", PASSWORD), token).json();
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator(ORIGIN).counter(1);
        JsonNode credential = json(authenticator.register(options.path("challenge").asText(),
                options.path("user").path("id").asText()));
        assertThat(api.post("/user/passkeys", Map.of("credential", credential), token).status()).isEqualTo(201);
        RestFixture.Reply again = api.post("/user/passkeys", Map.of("credential", credential), token);
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.errorCode()).isEqualTo("invalid_passkey");

        JsonNode assertion = json(authenticator.assertion(signInChallenge()));
        assertThat(api.post("/auth/passkey", Map.of("credential", assertion)).status()).isEqualTo(200);
        RestFixture.Reply replay = api.post("/auth/passkey", Map.of("credential", assertion));
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.errorCode()).isEqualTo("invalid_passkey");
    }

    @Test
    void anAssertionForAnotherOriginIsRefused() {
        SoftwareAuthenticator authenticator = registered(signedIn("ann@example.com"));

        authenticator.at("https://id.example.com.evil.test", "id.example.com");

        RestFixture.Reply reply = api.post("/auth/passkey",
                Map.of("credential", json(authenticator.assertion(signInChallenge()))));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("invalid_passkey");
    }

    @Test
    void signInOptionsHaveOneShapeForKnownUnknownAndNoEmail() {
        registered(signedIn("ann@example.com"));

        JsonNode known = api.post("/auth/passkey/options", Map.of("email", "ann@example.com")).json();
        JsonNode unknown = api.post("/auth/passkey/options", Map.of("email", "nobody@example.com")).json();
        JsonNode none = api.send("POST", "/auth/passkey/options", "application/json", null, Map.of()).json();

        for (JsonNode options : new JsonNode[] {known, unknown, none}) {
            assertThat(options.path("rpId").asText()).isEqualTo("id.example.com");
            assertThat(options.path("userVerification").asText()).isEqualTo("required");
            assertThat(options.path("allowCredentials")).isEmpty();
            assertThat(fieldNames(options)).isEqualTo(fieldNames(known));
        }
    }

    private static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void badBodiesAreClearFourHundredsNeverFiveHundreds() {
        String token = signedIn("ann@example.com");

        assertThat(api.post("/auth/passkey", Map.of("credential", "not an object")).status()).isEqualTo(401);
        assertThat(api.post("/auth/passkey", Map.of("credential", Map.of("id", "x", "response", Map.of())))
                .status()).isEqualTo(401);
        assertThat(api.post("/auth/passkey", Map.of()).status()).isEqualTo(401);
        assertThat(api.send("POST", "/auth/passkey", "application/json", "{not json", Map.of()).status())
                .isEqualTo(400);
        assertThat(api.post("/user/passkeys", Map.of("credential", Map.of("type", "public-key")), token).status())
                .isEqualTo(422);
        assertThat(patch("/user/passkeys/whatever", Map.of("name", ""), token).status()).isEqualTo(422);
        assertThat(patch("/user/passkeys/whatever", Map.of("name", "Phone"), token).status()).isEqualTo(404);
    }
}
