package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import io.userservice.core.contract.SoftwareAuthenticator;
import io.userservice.core.crypto.WebAuthn4jPasskeyVerifier;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.memory.InMemoryPasskeyState;
import io.userservice.core.port.in.DeactivateUserUseCase;
import io.userservice.core.settings.CoreSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Sign in with a passkey" on the OpenID Connect sign-in page. The abuse first: the challenge is
 * bound to the authorization request the page shows, so an assertion answers that request only,
 * once, from this site's pages only, and the browser goes nowhere but to that request's registered
 * redirect URI. Then the sign-in as a relying party sees it.
 */
class OidcPasskeySignInTest {

    private static final String ORIGIN = "https://id.example.com";
    private static final String EMAIL = "ann@example.com";
    private static final String PASSWORD = "correct horse battery";

    private final OffsetClock clock = new OffsetClock();
    private RestFixture api;
    private OidcBrowser browser;
    private OidcRelyingParty rp;
    private long annId;
    private SoftwareAuthenticator anns;

    @BeforeEach
    void start() {
        api = new RestFixture(CoreSettings.defaults().withRequireConfirmation(false), builder -> builder.clock(clock)
                .passkeys(InMemoryPasskeyState.create(), new WebAuthn4jPasskeyVerifier(URI.create(ORIGIN))));
        browser = new OidcBrowser(api.base());
        rp = OidcRelyingParty.confidential(api);
        JsonNode signedIn = api.signedIn(EMAIL, PASSWORD).json();
        annId = signedIn.path("user").path("id").asLong();
        anns = passkeyOf(signedIn.path("accessToken").asText());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private SoftwareAuthenticator passkeyOf(String accessToken) {
        JsonNode options = api.post("/user/passkeys/registration/options", Map.of("password", PASSWORD),
                accessToken).json();
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator(ORIGIN).counter(1);
        RestFixture.Reply created = api.post("/user/passkeys", Map.of("name", "Laptop", "credential",
                json(authenticator.register(options.path("challenge").asText(),
                        options.path("user").path("id").asText()))), accessToken);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return authenticator;
    }

    private static JsonNode json(String text) {
        try {
            return RestFixture.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private AuthenticationRequest request(State state, Nonce nonce, CodeVerifier verifier) {
        return rp.request(new Scope("openid", "email"), state, nonce, verifier).build();
    }

    /** The sign-in page's hidden fields: the request the page carries. */
    private Map<String, String> signInPage(AuthenticationRequest request) {
        OidcBrowser.Page page = browser.get(OidcRelyingParty.pathOf(request.toURI()));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"passkey-signin\"");
        Map<String, String> fields = new LinkedHashMap<>(page.hidden());
        fields.remove(OidcResource.CREDENTIAL_FIELD);
        return fields;
    }

    private RestFixture.Reply options(Map<String, String> fields, String origin) {
        return api.send("POST", OidcResource.PASSKEY_OPTIONS, "application/json",
                RestFixture.JSON.valueToTree(fields).toString(), Map.of("Origin", origin));
    }

    private String challenge(Map<String, String> fields) {
        RestFixture.Reply options = options(fields, ORIGIN);
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        assertThat(options.json().path("userVerification").asText()).isEqualTo("required");
        return options.json().path("challenge").asText();
    }

    private OidcBrowser.Page post(Map<String, String> fields, String assertion) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put(OidcResource.CREDENTIAL_FIELD, assertion);
        return browser.post(OidcResource.SIGN_IN_PASSKEY, form);
    }

    /** Refused with a message on a page, no code anywhere, and no browser session. */
    private void refusedOnThePage(OidcBrowser.Page page, int status) {
        assertThat(page.status()).as(page.body()).isEqualTo(status);
        assertThat(page.location()).isNull();
        assertThat(page.body()).contains("role=\"alert\"").doesNotContain("code=");
        assertThat(browser.cookies).doesNotContainKey(PortalResource.SESSION_COOKIE);
    }

    @Test
    void anAssertionForAnotherPendingRequestIsRefused() {
        Map<String, String> first = signInPage(request(new State("first"), new Nonce(), new CodeVerifier()));
        Map<String, String> second = signInPage(request(new State("second"), new Nonce(), new CodeVerifier()));
        String firstsChallenge = challenge(first);

        OidcBrowser.Page page = post(second, anns.assertion(firstsChallenge));

        refusedOnThePage(page, 401);
        assertThat(page.body()).contains("The passkey sign-in did not work");
        // the other request's binding names no challenge at all: the first request's is still its own
        OidcBrowser.Page own = post(first, anns.assertion(firstsChallenge));
        assertThat(own.status()).isEqualTo(303);
        assertThat(own.location()).startsWith(OidcRelyingParty.REDIRECT + "?").contains("state=first");
    }

    @Test
    void aRedirectUriOrClientFromTheFormIsNeverFollowed() {
        Map<String, String> fields = signInPage(request(new State(), new Nonce(), new CodeVerifier()));
        String challenge = challenge(fields);

        Map<String, String> elsewhere = new LinkedHashMap<>(fields);
        elsewhere.put("redirect_uri", "https://evil.example/callback");
        OidcBrowser.Page toElsewhere = post(elsewhere, anns.assertion(challenge));
        Map<String, String> otherClient = new LinkedHashMap<>(fields);
        otherClient.put("client_id", "someone-else");
        OidcBrowser.Page asOtherClient = post(otherClient, anns.assertion(challenge(fields)));

        refusedOnThePage(toElsewhere, 400);
        refusedOnThePage(asOtherClient, 400);
        assertThat(options(elsewhere, ORIGIN).status()).isEqualTo(400);
        assertThat(options(otherClient, ORIGIN).status()).isEqualTo(400);
    }

    @Test
    void aMissingOrExpiredRequestOrChallengeIsRefused() {
        Map<String, String> fields = signInPage(request(new State(), new Nonce(), new CodeVerifier()));

        assertThat(options(Map.of(), ORIGIN).status()).isEqualTo(400);
        assertThat(api.send("POST", OidcResource.PASSKEY_OPTIONS, "application/json", "[1,2]",
                Map.of("Origin", ORIGIN)).status()).isEqualTo(400);
        refusedOnThePage(post(Map.of(), anns.assertion(challenge(fields))), 400);
        refusedOnThePage(post(fields, ""), 401);
        refusedOnThePage(browser.post(OidcResource.SIGN_IN_PASSKEY, fields), 401);
        refusedOnThePage(post(fields, "{\"id\":"), 401);

        String challenge = challenge(fields);
        clock.advance(Duration.ofMinutes(6));
        refusedOnThePage(post(fields, anns.assertion(challenge)), 401);
    }

    @Test
    void aConsumedChallengeIsRefused() {
        Map<String, String> fields = signInPage(request(new State(), new Nonce(), new CodeVerifier()));
        String challenge = challenge(fields);
        String assertion = anns.assertion(challenge);
        OidcBrowser.Page first = post(fields, assertion);
        assertThat(first.status()).isEqualTo(303);
        browser.cookies.clear();

        refusedOnThePage(post(fields, assertion), 401);
        refusedOnThePage(post(fields, anns.assertion(challenge)), 401);
    }

    @Test
    void anAssertionRacedFromManyBrowsersSignsInOnce() {
        Map<String, String> fields = signInPage(request(new State(), new Nonce(), new CodeVerifier()));
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put(OidcResource.CREDENTIAL_FIELD, anns.assertion(challenge(fields)));

        java.util.List<Integer> statuses = io.userservice.core.contract.Race.winners(io.userservice.core.contract.Race
                .run(8, i -> new OidcBrowser(api.base()).post(OidcResource.SIGN_IN_PASSKEY, form).status()));

        assertThat(statuses).hasSize(8);
        assertThat(statuses).filteredOn(status -> status == 303).hasSize(1);
        assertThat(statuses).filteredOn(status -> status != 303).containsOnly(401);
    }

    @Test
    void anotherSitesPostIsRefused() {
        Map<String, String> fields = signInPage(request(new State(), new Nonce(), new CodeVerifier()));
        String challenge = challenge(fields);
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put(OidcResource.CREDENTIAL_FIELD, anns.assertion(challenge));

        OidcBrowser.Page crossSite = browser.post(OidcResource.SIGN_IN_PASSKEY, form,
                Map.of("Origin", "https://evil.example"));
        OidcBrowser.Page fetchedCrossSite = browser.post(OidcResource.SIGN_IN_PASSKEY, form,
                Map.of("Origin", "null", "Sec-Fetch-Site", "cross-site"));

        refusedOnThePage(crossSite, 403);
        refusedOnThePage(fetchedCrossSite, 403);
        assertThat(options(fields, "https://evil.example").status()).isEqualTo(403);
        // the refusals did not use the challenge up
        assertThat(post(fields, anns.assertion(challenge)).status()).isEqualTo(303);
    }

    @Test
    void challengesOfTheNativeApiAndOfThisPageDoNotCross() {
        Map<String, String> fields = signInPage(request(new State(), new Nonce(), new CodeVerifier()));
        String nativeChallenge = api.post("/auth/passkey/options", Map.of()).json().path("challenge").asText();

        refusedOnThePage(post(fields, anns.assertion(nativeChallenge)), 401);
        assertThat(api.post("/auth/passkey", Map.of("credential", json(anns.assertion(challenge(fields)))))
                .status()).isEqualTo(401);
        assertThat(api.send("POST", "/en/user/passkey", "application/json", RestFixture.JSON.valueToTree(
                Map.of("credential", json(anns.assertion(challenge(fields))))).toString(), Map.of("Origin", ORIGIN))
                .status()).isEqualTo(401);
    }

    @Test
    void anUnknownPasskeyARefusedCounterOrADeactivatedUserGetAMessage() {
        Map<String, String> fields = signInPage(request(new State(), new Nonce(), new CodeVerifier()));

        SoftwareAuthenticator stranger = new SoftwareAuthenticator(ORIGIN).counter(1);
        refusedOnThePage(post(fields, stranger.assertion(challenge(fields))), 401);
        refusedOnThePage(post(fields, anns.assertionAtCounter(challenge(fields), 1)), 401);
        refusedOnThePage(post(fields, new SoftwareAuthenticator("https://evil.example").assertion(
                challenge(fields))), 401);

        api.core.deactivateUser().setActive(new DeactivateUserUseCase.Command(Caller.operator(), annId, false, ClientAddress.unknown()));
        refusedOnThePage(post(fields, anns.assertion(challenge(fields))), 401);
    }

    @Test
    void thePageOffersThePasskeyWithItsScriptFromThisOriginOnly() {
        AuthenticationRequest request = request(new State(), new Nonce(), new CodeVerifier());
        RestFixture.Reply page = api.send("GET", OidcRelyingParty.pathOf(request.toURI()), null, null,
                Map.of("Accept-Language", "de"));
        RestFixture.Reply german = api.send("GET", OidcRelyingParty.pathOf(request.toURI()) + "&ui_locales=de",
                null, null, Map.of());

        assertThat(page.header("Content-Security-Policy")).startsWith("script-src 'self'; connect-src 'self'; ")
                .contains("form-action 'self' https://rp.example.org").doesNotContain("unsafe-inline");
        assertThat(page.body()).contains("<script src=\"/assets/passkeys.js\" defer></script>")
                .contains("data-options=\"" + OidcResource.PASSKEY_OPTIONS + "\"")
                .contains("action=\"" + OidcResource.SIGN_IN_PASSKEY + "\"")
                .contains("Sign in with a passkey");
        assertThat(page.body().replace("<script src=\"/assets/passkeys.js\" defer></script>", ""))
                .doesNotContain("<script");
        assertThat(german.body()).contains("Mit einem Passkey anmelden");
    }

    @Test
    void aPasskeySignInReachesTheClientWithTwoFactorsAndStartsTheSession() {
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        Map<String, String> fields = signInPage(request(state, nonce, verifier));

        OidcBrowser.Page done = post(fields, anns.assertion(challenge(fields)));

        assertThat(done.status()).as(done.body()).isEqualTo(303);
        URI location = URI.create(done.location());
        assertThat(location.toString()).startsWith(OidcRelyingParty.REDIRECT + "?");
        AuthenticationSuccessResponse response = rp.parse(location).toSuccessResponse();
        assertThat(response.getState()).isEqualTo(state);
        assertThat(response.getIssuer().getValue()).isEqualTo(api.core.issuer());
        assertThat(browser.cookies).containsKey(PortalResource.SESSION_COOKIE);
        IDTokenClaimsSet claims = idToken(location, nonce, verifier);
        assertThat(claims.getAMR()).extracting(Object::toString).containsExactly("pop", "user");
        assertThat(claims.getACR().getValue()).isEqualTo("2");
        assertThat(claims.getAuthenticationTime().toInstant()).isCloseTo(clock.instant(),
                org.assertj.core.api.Assertions.within(5, ChronoUnit.SECONDS));

        // single sign-on: the session serves the next request without a page
        URI again = rp.authorize(browser, request(new State(), new Nonce(), new CodeVerifier()), EMAIL, "unused");
        assertThat(again.toString()).startsWith(OidcRelyingParty.REDIRECT + "?code=");
    }

    @Test
    void aFreshPasskeySignInSatisfiesPromptLoginAndMaxAge() {
        rp.authorize(browser, request(new State(), new Nonce(), new CodeVerifier()), EMAIL, PASSWORD);
        for (boolean promptLogin : new boolean[] {true, false}) {
            Nonce nonce = new Nonce();
            CodeVerifier verifier = new CodeVerifier();
            AuthenticationRequest.Builder forced = rp.request(new Scope("openid"), new State(), nonce, verifier);
            Map<String, String> fields = signInPage((promptLogin
                    ? forced.prompt(new com.nimbusds.openid.connect.sdk.Prompt("login")) : forced.maxAge(0)).build());

            OidcBrowser.Page done = post(fields, anns.assertion(challenge(fields)));

            assertThat(done.status()).as(done.body()).isEqualTo(303);
            IDTokenClaimsSet claims = idToken(URI.create(done.location()), nonce, verifier);
            // the session the password started is replaced by the passkey's
            assertThat(claims.getAMR()).extracting(Object::toString).containsExactly("pop", "user");
        }
    }

    @Test
    void aClientThatAsksForConsentGetsItsPageAfterThePasskey() {
        OidcRelyingParty asking = OidcRelyingParty.register(api, false, true, java.util.Set.of("authorization_code"));
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        Map<String, String> fields = signInPage(asking.request(new Scope("openid", "email"), new State(), nonce,
                verifier).build());

        OidcBrowser.Page consent = post(fields, anns.assertion(challenge(fields)));

        assertThat(consent.status()).as(consent.body()).isEqualTo(200);
        assertThat(consent.body()).contains("name=\"decision\"");
        Map<String, String> allow = new LinkedHashMap<>(consent.hidden());
        allow.put("decision", "allow");
        OidcBrowser.Page done = browser.post(OidcResource.CONSENT, allow);
        assertThat(done.status()).isEqualTo(303);
        assertThat(done.location()).startsWith(OidcRelyingParty.REDIRECT + "?code=");
    }

    private IDTokenClaimsSet idToken(URI location, Nonce nonce, CodeVerifier verifier) {
        TokenResponse response = rp.redeem(rp.basic(), rp.codeFrom(location), verifier);
        assertThat(response.indicatesSuccess()).as(response.toString()).isTrue();
        return rp.validate(((OIDCTokenResponse) response).getOIDCTokens().getIDToken(), nonce);
    }
}
