package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.userservice.core.contract.SoftwareAuthenticator;
import io.userservice.core.crypto.WebAuthn4jPasskeyVerifier;
import io.userservice.core.memory.InMemoryPasskeyState;
import io.userservice.core.settings.CoreSettings;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A passkey as the second step of a password sign-in over HTTP: the abuse first (another user's
 * passkey, a replayed assertion, a token or challenge of another kind, the attempt limit), then the
 * route as a client uses it.
 */
class PasskeyMfaHttpTest {

    private static final String ORIGIN = "https://id.example.com";
    private static final String PASSWORD = "correct horse battery";

    private final RestFixture api = new RestFixture(CoreSettings.defaults(), builder -> builder.passkeys(
            InMemoryPasskeyState.create(), new WebAuthn4jPasskeyVerifier(URI.create(ORIGIN))));

    @AfterEach
    void stop() {
        api.close();
    }

    /** A user with a passkey, and with an authenticator app too when {@code totp}. */
    private SoftwareAuthenticator userWithPasskey(String email, boolean totp) {
        String token = api.signedIn(email, PASSWORD).json().path("accessToken").asText();
        JsonNode options = api.post("/user/passkeys/registration/options", Map.of("password", PASSWORD), token).json();
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator(ORIGIN).counter(1);
        RestFixture.Reply created = api.post("/user/passkeys", Map.of("name", "Laptop", "credential",
                json(authenticator.register(options.path("challenge").asText(),
                        options.path("user").path("id").asText()))), token);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        if (totp) {
            String secret = api.post("/user/mfa/totp", Map.of("password", PASSWORD), token).json()
                    .path("secret").asText();
            assertThat(api.post("/user/mfa/totp/confirm", Map.of("code", MfaHttpTest.code(secret, Instant.now())),
                    token).status()).isEqualTo(200);
        }
        return authenticator;
    }

    private RestFixture.Reply passwordStep(String email) {
        return api.post("/auth/login", Map.of("email", email, "password", PASSWORD));
    }

    private String mfaToken(String email) {
        return passwordStep(email).json().path("mfaToken").asText();
    }

    private RestFixture.Reply options(String mfaToken) {
        return api.post("/auth/login/mfa/webauthn/options", Map.of("mfaToken", mfaToken));
    }

    private String challenge(String mfaToken) {
        RestFixture.Reply options = options(mfaToken);
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        return options.json().path("challenge").asText();
    }

    private RestFixture.Reply answer(String mfaToken, String assertion) {
        return api.post("/auth/login/mfa", Map.of("mfaToken", mfaToken, "webauthn", json(assertion)));
    }

    private static JsonNode json(String text) {
        try {
            return RestFixture.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anotherUsersPasskeyIsAWrongCodeAndFiveKillTheChallenge() {
        SoftwareAuthenticator anns = userWithPasskey("ann@example.com", true);
        SoftwareAuthenticator bobs = userWithPasskey("bob@example.com", false);
        String token = mfaToken("ann@example.com");
        for (int i = 0; i < 5; i++) {
            RestFixture.Reply wrong = answer(token, bobs.assertion(challenge(token)));
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.errorCode()).isEqualTo("invalid_mfa_code");
        }

        RestFixture.Reply dead = options(token);
        assertThat(dead.status()).isEqualTo(401);
        assertThat(dead.errorCode()).isEqualTo("invalid_mfa_token");
        assertThat(answer(token, anns.assertion("AAAAAAAAAAAAAAAAAAAAAA")).errorCode()).isEqualTo("invalid_mfa_token");
    }

    @Test
    void aReplayedAssertionIsRefused() {
        SoftwareAuthenticator anns = userWithPasskey("ann@example.com", true);
        String first = mfaToken("ann@example.com");
        String assertion = anns.assertion(challenge(first));
        assertThat(answer(first, assertion).status()).isEqualTo(200);

        RestFixture.Reply replayed = answer(mfaToken("ann@example.com"), assertion);
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.errorCode()).isEqualTo("invalid_mfa_code");
        assertThat(answer(first, assertion).errorCode()).isEqualTo("invalid_mfa_token");
    }

    @Test
    void tokensAndChallengesOfAnotherKindDoNotCross() {
        SoftwareAuthenticator anns = userWithPasskey("ann@example.com", true);
        String token = mfaToken("ann@example.com");
        String secondStepChallenge = challenge(token);

        // the second step's challenge does not sign in without the password step
        assertThat(api.post("/auth/passkey", Map.of("credential", json(anns.assertion(secondStepChallenge))))
                .status()).isEqualTo(401);
        // nor does a passkey sign-in challenge answer the second step
        String signInChallenge = api.post("/auth/passkey/options", Map.of()).json().path("challenge").asText();
        assertThat(answer(token, anns.assertion(signInChallenge)).errorCode()).isEqualTo("invalid_mfa_code");

        JsonNode tokens = answer(token, anns.assertion(challenge(token))).json();
        for (String other : new String[] {tokens.path("refreshToken").asText(), tokens.path("accessToken").asText()}) {
            assertThat(options(other).errorCode()).isEqualTo("invalid_mfa_token");
            assertThat(answer(other, anns.assertion(signInChallenge)).errorCode()).isEqualTo("invalid_mfa_token");
        }
    }

    @Test
    void malformedAnswersAreClear4xx() {
        userWithPasskey("ann@example.com", true);
        String token = mfaToken("ann@example.com");

        assertThat(api.post("/auth/login/mfa", Map.of("mfaToken", token, "webauthn", "not an object")).status())
                .isEqualTo(422);
        assertThat(api.post("/auth/login/mfa", Map.of("mfaToken", token, "code", "123456",
                "webauthn", Map.of("id", "x"))).status()).isEqualTo(422);
        assertThat(api.post("/auth/login/mfa/webauthn/options", Map.of()).status()).isEqualTo(401);
        assertThat(api.send("POST", "/auth/login/mfa/webauthn/options", "application/json", "{\"mfaToken\":",
                Map.of()).status()).isEqualTo(400);
        RestFixture.Reply unreadable = api.post("/auth/login/mfa", Map.of("mfaToken", token,
                "webauthn", Map.of("id", "x")));
        assertThat(unreadable.status()).isEqualTo(401);
        assertThat(unreadable.errorCode()).isEqualTo("invalid_mfa_code");
    }

    @Test
    void aPasskeyIsOfferedAndFinishesTheSignIn() {
        SoftwareAuthenticator anns = userWithPasskey("ann@example.com", true);
        RestFixture.Reply required = passwordStep("ann@example.com");
        assertThat(required.status()).isEqualTo(403);
        assertThat(required.json().path("methods").toString()).isEqualTo("[\"totp\",\"recovery_code\",\"webauthn\"]");
        String token = required.json().path("mfaToken").asText();

        JsonNode options = options(token).json();
        assertThat(options.path("rpId").asText()).isEqualTo("id.example.com");
        assertThat(options.path("userVerification").asText()).isEqualTo("required");
        assertThat(options.path("allowCredentials").findValuesAsText("id")).containsExactly(anns.credentialIdText());
        RestFixture.Reply done = answer(token, anns.assertion(options.path("challenge").asText()));

        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().path("user").path("email").asText()).isEqualTo("ann@example.com");
        assertThat(api.get("/user", done.json().path("accessToken").asText()).status()).isEqualTo(200);
    }

    @Test
    void aPasskeyAloneKeepsThePasswordSignInAsItWas() {
        userWithPasskey("bob@example.com", false);

        RestFixture.Reply login = passwordStep("bob@example.com");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("accessToken").asText()).isNotBlank();
    }
}
