package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import io.userservice.core.contract.SoftwareAuthenticator;
import io.userservice.core.crypto.WebAuthn4jPasskeyVerifier;
import io.userservice.core.memory.InMemoryPasskeyState;
import io.userservice.core.settings.CoreSettings;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A passkey answers the second page of a password sign-in, on the portal and on the OpenID
 * Connect sign-in: offered only to an account that has one, through the page's challenge (its
 * token of its own channel, five wrong answers, single use), and the session says how it began.
 */
class PasskeySecondPageTest {

    private static final String ORIGIN = "https://id.example.com";
    private static final String PASSWORD = "correct horse battery";
    private static final String PORTAL_OPTIONS = "/en/user/signin/mfa/passkey/options";

    private RestFixture api;
    private OidcBrowser browser;

    @BeforeEach
    void start() {
        api = new RestFixture(CoreSettings.defaults().withRequireConfirmation(false), builder -> builder.passkeys(
                InMemoryPasskeyState.create(), new WebAuthn4jPasskeyVerifier(URI.create(ORIGIN))));
        browser = new OidcBrowser(api.base());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** A user with TOTP on, and with a passkey when {@code passkey}; answers the passkey (or null). */
    private SoftwareAuthenticator twoFactorUser(String email, boolean passkey) {
        String token = api.signedIn(email, PASSWORD).json().path("accessToken").asText();
        SoftwareAuthenticator authenticator = null;
        if (passkey) {
            JsonNode options = api.post("/user/passkeys/registration/options", Map.of("password", PASSWORD), token)
                    .json();
            authenticator = new SoftwareAuthenticator(ORIGIN).counter(1);
            assertThat(api.post("/user/passkeys", Map.of("name", "Laptop", "credential",
                    json(authenticator.register(options.path("challenge").asText(),
                            options.path("user").path("id").asText()))), token).status()).isEqualTo(201);
        }
        String secret = api.post("/user/mfa/totp", Map.of("password", PASSWORD), token).json().path("secret").asText();
        assertThat(api.post("/user/mfa/totp/confirm", Map.of("code", MfaHttpTest.code(secret, Instant.now())), token)
                .status()).isEqualTo(200);
        return authenticator;
    }

    private static JsonNode json(String text) {
        try {
            return RestFixture.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private OidcBrowser.Page portalPasswordStep(String email) {
        OidcBrowser.Page page = browser.post("/en/user/signin", Map.of("email", email, "password", PASSWORD));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return page;
    }

    private RestFixture.Reply options(String path, String mfaToken, String origin) {
        return api.send("POST", path, "application/json", RestFixture.JSON.valueToTree(Map.of("mfaToken", mfaToken))
                .toString(), Map.of("Origin", origin));
    }

    private String challenge(String path, String mfaToken) {
        RestFixture.Reply options = options(path, mfaToken, ORIGIN);
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        return options.json().path("challenge").asText();
    }

    /** The second page's form posted as the passkey button posts it: the code empty, the assertion set. */
    private OidcBrowser.Page answer(String action, OidcBrowser.Page second, String assertion) {
        Map<String, String> form = new LinkedHashMap<>(second.hidden());
        form.put("code", "");
        form.put(PortalPages.MFA_PASSKEY_FIELD, assertion);
        return browser.post(action, form);
    }

    @Test
    void anAccountWithoutAPasskeyIsNotOfferedOneAndItsPageHasNoScript() {
        twoFactorUser("ann@example.com", false);

        OidcBrowser.Page second = portalPasswordStep("ann@example.com");

        assertThat(second.body()).doesNotContain("passkey").doesNotContain("<script");
        assertThat(options(PORTAL_OPTIONS, second.hidden().get("mfaToken"), ORIGIN).status()).isEqualTo(422);
    }

    @Test
    void anotherUsersPasskeyIsAWrongAnswerAndFiveEndTheChallenge() {
        SoftwareAuthenticator anns = twoFactorUser("ann@example.com", true);
        SoftwareAuthenticator bobs = twoFactorUser("bob@example.com", true);
        OidcBrowser.Page second = portalPasswordStep("ann@example.com");
        String token = second.hidden().get("mfaToken");

        for (int i = 0; i < 5; i++) {
            OidcBrowser.Page wrong = answer("/en/user/signin/mfa", second, bobs.assertion(challenge(PORTAL_OPTIONS,
                    token)));
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.body()).contains("The passkey did not confirm this sign-in").contains("id=\"passkey-signin\"");
        }

        assertThat(options(PORTAL_OPTIONS, token, ORIGIN).status()).isEqualTo(401);
        OidcBrowser.Page dead = answer("/en/user/signin/mfa", second, anns.assertion("AAAAAAAAAAAAAAAAAAAAAA"));
        assertThat(dead.status()).isEqualTo(303);
        assertThat(dead.location()).endsWith("/en/?error=mfa");
        assertThat(browser.cookies).doesNotContainKey(PortalResource.SESSION_COOKIE);
    }

    @Test
    void challengesOfAnotherChannelOrKindAndOtherSitesAreRefused() {
        SoftwareAuthenticator anns = twoFactorUser("ann@example.com", true);
        String portalToken = portalPasswordStep("ann@example.com").hidden().get("mfaToken");
        OidcRelyingParty rp = OidcRelyingParty.confidential(api);
        OidcBrowser.Page signInPage = browser.get(OidcRelyingParty.pathOf(rp.request(new Scope("openid"),
                new State(), new Nonce(), new CodeVerifier()).build().toURI()));
        Map<String, String> fields = new LinkedHashMap<>(signInPage.hidden());
        fields.put("email", "ann@example.com");
        fields.put("password", PASSWORD);
        String oidcToken = browser.post(OidcResource.SIGN_IN, fields).hidden().get("mfaToken");

        // a token answers on its own page only, and the options come to this site's pages only
        assertThat(options(OidcResource.SIGN_IN_MFA_PASSKEY_OPTIONS, portalToken, ORIGIN).status()).isEqualTo(401);
        assertThat(options(PORTAL_OPTIONS, oidcToken, ORIGIN).status()).isEqualTo(401);
        assertThat(options(PORTAL_OPTIONS, portalToken, "https://evil.example").status()).isEqualTo(403);
        assertThat(options(PORTAL_OPTIONS, "", ORIGIN).status()).isEqualTo(401);
        // a passkey sign-in challenge does not answer a second page
        OidcBrowser.Page second = portalPasswordStep("ann@example.com");
        String signInChallenge = api.post("/auth/passkey/options", Map.of()).json().path("challenge").asText();
        assertThat(answer("/en/user/signin/mfa", second, anns.assertion(signInChallenge)).status()).isEqualTo(401);
        // nor does a second page's challenge sign in without the password
        assertThat(api.post("/auth/passkey", Map.of("credential", json(anns.assertion(challenge(PORTAL_OPTIONS,
                second.hidden().get("mfaToken")))))).status()).isEqualTo(401);
        // an answer posted from another site is refused before it is looked at
        OidcBrowser.Page crossSite = browser.post("/en/user/signin/mfa", Map.of("mfaToken",
                second.hidden().get("mfaToken"), PortalPages.MFA_PASSKEY_FIELD, anns.assertion(challenge(
                        PORTAL_OPTIONS, second.hidden().get("mfaToken")))), Map.of("Origin", "https://evil.example"));
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(browser.cookies).doesNotContainKey(PortalResource.SESSION_COOKIE);
    }

    @Test
    void thePortalsSecondPageTakesThePasskey() {
        SoftwareAuthenticator anns = twoFactorUser("ann@example.com", true);
        OidcBrowser.Page second = portalPasswordStep("ann@example.com");
        assertThat(second.body()).contains("id=\"passkey-signin\"").contains("data-options=\"" + PORTAL_OPTIONS + "\"")
                .contains("data-form=\"mfa-form\"").contains("<script src=\"/assets/passkeys.js\" defer></script>");
        String token = second.hidden().get("mfaToken");

        OidcBrowser.Page done = answer("/en/user/signin/mfa", second, anns.assertion(challenge(PORTAL_OPTIONS, token)));

        assertThat(done.status()).as(done.body()).isEqualTo(303);
        assertThat(URI.create(done.location()).getPath()).isEqualTo("/en/");
        assertThat(browser.get("/en/").body()).contains("ann@example.com");
        // single use: the token is spent
        assertThat(options(PORTAL_OPTIONS, token, ORIGIN).status()).isEqualTo(401);
    }

    @Test
    void theOidcSecondPageTakesThePasskeyAndTheIdTokenSaysSo() {
        SoftwareAuthenticator anns = twoFactorUser("ann@example.com", true);
        OidcRelyingParty rp = OidcRelyingParty.confidential(api);
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        OidcBrowser.Page signInPage = browser.get(OidcRelyingParty.pathOf(rp.request(new Scope("openid"),
                new State(), nonce, verifier).build().toURI()));
        Map<String, String> fields = new LinkedHashMap<>(signInPage.hidden());
        fields.remove(OidcResource.CREDENTIAL_FIELD);
        fields.put("email", "ann@example.com");
        fields.put("password", PASSWORD);
        OidcBrowser.Page second = browser.post(OidcResource.SIGN_IN, fields);
        assertThat(second.body()).contains("id=\"passkey-signin\"")
                .contains("data-options=\"" + OidcResource.SIGN_IN_MFA_PASSKEY_OPTIONS + "\"");
        RestFixture.Reply headers = api.send("POST", OidcResource.SIGN_IN, "application/x-www-form-urlencoded",
                OidcBrowser.form(fields), Map.of("Origin", ORIGIN));
        assertThat(headers.header("Content-Security-Policy")).startsWith("script-src 'self'; ")
                .contains("form-action 'self' https://rp.example.org");
        String token = second.hidden().get("mfaToken");

        OidcBrowser.Page wrong = answer(OidcResource.SIGN_IN_MFA, second, anns.assertionAtCounter(
                challenge(OidcResource.SIGN_IN_MFA_PASSKEY_OPTIONS, token), 0));
        assertThat(wrong.status()).isEqualTo(401);
        OidcBrowser.Page done = answer(OidcResource.SIGN_IN_MFA, second, anns.assertion(
                challenge(OidcResource.SIGN_IN_MFA_PASSKEY_OPTIONS, token)));

        assertThat(done.status()).as(done.body()).isEqualTo(303);
        URI location = URI.create(done.location());
        TokenResponse response = rp.redeem(rp.basic(), rp.codeFrom(location), verifier);
        IDTokenClaimsSet claims = rp.validate(((OIDCTokenResponse) response).getOIDCTokens().getIDToken(), nonce);
        assertThat(claims.getAMR()).extracting(Object::toString).containsExactly("pwd", "pop", "user");
        assertThat(claims.getACR().getValue()).isEqualTo("2");
    }
}
