package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import io.userservice.core.settings.CoreSettings;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hosted sign-in pages ask an account with two-factor authentication on for its code on a
 * second page: no script, the same origin check, and no session before the code.
 */
class MfaPagesTest {

    private static final String EMAIL = "ann@example.com";
    private static final String PASSWORD = "correct horse battery";

    private RestFixture api;
    private OidcBrowser browser;
    private String secret;

    @BeforeEach
    void start() {
        api = new RestFixture(CoreSettings.defaults().withRequireConfirmation(false));
        String token = api.signedIn(EMAIL, PASSWORD).json().path("accessToken").asText();
        secret = api.post("/user/mfa/totp", Map.of("password", PASSWORD), token).json().path("secret").asText();
        JsonNode confirmed = api.post("/user/mfa/totp/confirm", Map.of("code", MfaHttpTest.code(secret,
                Instant.now())), token).json();
        assertThat(confirmed.path("recoveryCodes")).hasSize(10);
        browser = new OidcBrowser(api.base());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private OidcBrowser.Page portalPasswordStep() {
        return browser.post("/en/user/signin", Map.of("email", EMAIL, "password", PASSWORD));
    }

    @Test
    void thePortalAsksForTheCodeOnASecondPageWithoutScriptOrSession() {
        OidcBrowser.Page page = portalPasswordStep();

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("action=\"/en/user/signin/mfa\"").contains("autocomplete=\"one-time-code\"")
                .doesNotContain("<script");
        assertThat(page.hidden()).containsKey("mfaToken");
        assertThat(browser.cookies).doesNotContainKey(PortalResource.SESSION_COOKIE);
    }

    @Test
    void aFormFromAnotherSiteIsRefused() {
        String token = portalPasswordStep().hidden().get("mfaToken");

        OidcBrowser.Page foreign = browser.post("/en/user/signin/mfa", Map.of("mfaToken", token,
                "code", MfaHttpTest.nextCode(secret)), Map.of("Origin", "https://evil.example.com"));

        assertThat(foreign.status()).isEqualTo(403);
        assertThat(browser.cookies).doesNotContainKey(PortalResource.SESSION_COOKIE);
    }

    @Test
    void aWrongCodeShowsThePageAgainAndTheRightOneStartsTheSession() {
        String token = portalPasswordStep().hidden().get("mfaToken");

        OidcBrowser.Page wrong = browser.post("/en/user/signin/mfa", Map.of("mfaToken", token, "code", "000000"));
        OidcBrowser.Page right = browser.post("/en/user/signin/mfa", Map.of("mfaToken", token,
                "code", MfaHttpTest.nextCode(secret), "redirectUrl", "https://evil.example.com/"));

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("aria-invalid=\"true\"").contains("action=\"/en/user/signin/mfa\"");
        assertThat(right.status()).isEqualTo(303);
        assertThat(URI.create(right.location()).getPath()).isEqualTo("/en/");
        assertThat(browser.cookies).containsKey(PortalResource.SESSION_COOKIE);
        assertThat(browser.get("/en/").body()).contains(EMAIL);
    }

    @Test
    void aDeadChallengeSendsBackToTheSignInForm() {
        OidcBrowser.Page reply = browser.post("/en/user/signin/mfa", Map.of("mfaToken", "made-up", "code", "123456"));

        assertThat(reply.status()).isEqualTo(303);
        assertThat(reply.location()).endsWith("/en/?error=mfa");
    }

    @Test
    void theOpenIdConnectSignInAsksForTheCodeTooAndThenGoesOn() {
        OidcRelyingParty rp = OidcRelyingParty.confidential(api);
        AuthenticationRequest request = rp.request(new Scope("openid"), new State(), new Nonce(), new CodeVerifier())
                .build();
        OidcBrowser.Page page = browser.get(OidcRelyingParty.pathOf(request.toURI()));
        Map<String, String> fields = new LinkedHashMap<>(page.hidden());
        fields.put("email", EMAIL);
        fields.put("password", PASSWORD);

        OidcBrowser.Page second = browser.post(OidcResource.SIGN_IN, fields);

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).contains("action=\"" + OidcResource.SIGN_IN_MFA + "\"").doesNotContain("<script");
        assertThat(browser.cookies).doesNotContainKey(PortalResource.SESSION_COOKIE);
        Map<String, String> answer = new LinkedHashMap<>(second.hidden());
        answer.put("code", MfaHttpTest.nextCode(secret));
        OidcBrowser.Page next = browser.post(OidcResource.SIGN_IN_MFA, answer);
        for (int step = 0; step < 2 && next.status() == 200 && next.body().contains("name=\"decision\""); step++) {
            Map<String, String> consent = new LinkedHashMap<>(next.hidden());
            consent.put("decision", "allow");
            next = browser.post(OidcResource.CONSENT, consent);
        }

        assertThat(next.status()).as(next.body()).isEqualTo(303);
        assertThat(rp.codeFrom(URI.create(next.location()))).isNotNull();
        assertThat(browser.cookies).containsKey(PortalResource.SESSION_COOKIE);
    }
}
