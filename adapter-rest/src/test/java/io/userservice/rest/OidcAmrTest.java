package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import io.userservice.core.settings.CoreSettings;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ID token says how the user signed in to the browser session the code came from: {@code amr} and {@code acr}. */
class OidcAmrTest {

    private static final String EMAIL = "ann@example.com";
    private static final String PASSWORD = "correct horse battery";

    private RestFixture api;
    private OidcBrowser browser;
    private OidcRelyingParty rp;

    @BeforeEach
    void start() {
        api = new RestFixture(CoreSettings.defaults().withRequireConfirmation(false));
        browser = new OidcBrowser(api.base());
        rp = OidcRelyingParty.confidential(api);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** Turns TOTP on for the user; answers the TOTP secret and the recovery codes. */
    private JsonNode twoFactors() {
        String token = api.signedIn(EMAIL, PASSWORD).json().path("accessToken").asText();
        String secret = api.post("/user/mfa/totp", Map.of("password", PASSWORD), token).json().path("secret").asText();
        JsonNode confirmed = api.post("/user/mfa/totp/confirm", Map.of("code", MfaHttpTest.code(secret,
                Instant.now())), token).json();
        assertThat(confirmed.path("recoveryCodes")).hasSize(10);
        return ((com.fasterxml.jackson.databind.node.ObjectNode) confirmed).put("secret", secret);
    }

    private OidcBrowser.Page passwordStep(AuthenticationRequest request) {
        OidcBrowser.Page page = browser.get(OidcRelyingParty.pathOf(request.toURI()));
        Map<String, String> fields = new LinkedHashMap<>(page.hidden());
        fields.put("email", EMAIL);
        fields.put("password", PASSWORD);
        return browser.post(OidcResource.SIGN_IN, fields);
    }

    private URI secondStep(OidcBrowser.Page second, String code) {
        Map<String, String> answer = new LinkedHashMap<>(second.hidden());
        answer.put("code", code);
        OidcBrowser.Page next = browser.post(OidcResource.SIGN_IN_MFA, answer);
        for (int step = 0; step < 2 && next.status() == 200 && next.body().contains("name=\"decision\""); step++) {
            Map<String, String> consent = new LinkedHashMap<>(next.hidden());
            consent.put("decision", "allow");
            next = browser.post(OidcResource.CONSENT, consent);
        }
        assertThat(next.status()).as(next.body()).isEqualTo(303);
        return URI.create(next.location());
    }

    private IDTokenClaimsSet idToken(URI location, Nonce nonce, CodeVerifier verifier) {
        TokenResponse response = rp.redeem(rp.basic(), rp.codeFrom(location), verifier);
        assertThat(response.indicatesSuccess()).as(response.toString()).isTrue();
        return rp.validate(((OIDCTokenResponse) response).getOIDCTokens().getIDToken(), nonce);
    }

    @Test
    void aPasswordAloneIsOneFactor() {
        api.signedIn(EMAIL, PASSWORD);
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        URI location = rp.authorize(browser, rp.request(new Scope("openid"), new State(), nonce, verifier).build(),
                EMAIL, PASSWORD);

        IDTokenClaimsSet claims = idToken(location, nonce, verifier);

        assertThat(claims.getAMR()).extracting(Object::toString).containsExactly("pwd");
        assertThat(claims.getACR().getValue()).isEqualTo("1");
    }

    @Test
    void aPasswordAndATotpCodeAreTwoFactors() {
        JsonNode mfa = twoFactors();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        OidcBrowser.Page second = passwordStep(rp.request(new Scope("openid"), new State(), nonce, verifier).build());

        URI location = secondStep(second, MfaHttpTest.nextCode(mfa.path("secret").asText()));
        IDTokenClaimsSet claims = idToken(location, nonce, verifier);

        assertThat(claims.getAMR()).extracting(Object::toString).containsExactly("pwd", "otp");
        assertThat(claims.getACR().getValue()).isEqualTo("2");
    }

    @Test
    void aPasswordAndARecoveryCodeAreTwoFactors() {
        JsonNode mfa = twoFactors();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        OidcBrowser.Page second = passwordStep(rp.request(new Scope("openid"), new State(), nonce, verifier).build());

        URI location = secondStep(second, mfa.path("recoveryCodes").get(0).asText());
        IDTokenClaimsSet claims = idToken(location, nonce, verifier);

        assertThat(claims.getAMR()).extracting(Object::toString).containsExactly("pwd", "otp");
        assertThat(claims.getACR().getValue()).isEqualTo("2");
    }

    @Test
    void aSignInWhoseSecondStepWasNotCompletedGetsNoCode() {
        twoFactors();
        AuthenticationRequest request = rp.request(new Scope("openid"), new State(), new Nonce(), new CodeVerifier())
                .build();
        OidcBrowser.Page second = passwordStep(request);
        assertThat(second.body()).contains("action=\"" + OidcResource.SIGN_IN_MFA + "\"");

        OidcBrowser.Page again = browser.get(OidcRelyingParty.pathOf(request.toURI()));
        Map<String, String> skipped = new LinkedHashMap<>(second.hidden());
        skipped.remove("mfaToken");
        OidcBrowser.Page withoutToken = browser.post(OidcResource.SIGN_IN_MFA, skipped);
        Map<String, String> consent = new LinkedHashMap<>(second.hidden());
        consent.put("decision", "allow");
        OidcBrowser.Page consentWithoutSession = browser.post(OidcResource.CONSENT, consent);

        assertThat(browser.cookies).doesNotContainKey(PortalResource.SESSION_COOKIE);
        for (OidcBrowser.Page page : List.of(again, withoutToken, consentWithoutSession)) {
            assertThat(page.location() == null ? "" : page.location()).doesNotContain("code=");
            assertThat(page.body()).doesNotContain("code=");
        }
        assertThat(again.body()).contains("name=\"password\"");
    }

    @Test
    void discoveryNamesTheClaimsAndTheAcrValues() {
        JsonNode discovery = api.get("/.well-known/openid-configuration").json();

        assertThat(discovery.path("acr_values_supported")).extracting(JsonNode::asText).containsExactly("1", "2");
        assertThat(discovery.path("claims_supported")).extracting(JsonNode::asText).contains("amr", "acr");
    }
}
