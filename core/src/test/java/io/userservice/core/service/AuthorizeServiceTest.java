package io.userservice.core.service;

import static io.userservice.core.service.OidcFixture.REDIRECT;
import static io.userservice.core.service.OidcFixture.params;
import static io.userservice.core.service.OidcFixture.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.AuthorizationCode;
import io.userservice.core.domain.AuthorizationRequestException;
import io.userservice.core.domain.OidcClient;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.AuthorizeUseCase;
import io.userservice.core.port.in.AuthorizeUseCase.ConsentRequired;
import io.userservice.core.port.in.AuthorizeUseCase.Redirect;
import io.userservice.core.port.in.AuthorizeUseCase.SignInRequired;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The authorization endpoint's decisions: what is shown rather than redirected, each refusal
 * sent back to the client with its error, when the browser must sign in or consent, and the
 * code it finally hands out, bound to everything the request said.
 */
class AuthorizeServiceTest {

    private static final String CHALLENGE = OidcClaims.s256(OidcFixture.VERIFIER);

    private final OidcFixture oidc = new OidcFixture();
    private final User ada = oidc.aConfirmedUser("ada@example.com");
    private final String browser = oidc.browserOf("ada@example.com");
    private final OidcClient app = oidc.confidentialClient("app");

    private static Map<String, List<String>> request(String... more) {
        Map<String, List<String>> params = params("client_id", "app", "redirect_uri", REDIRECT, "response_type",
                "code", "scope", "openid email", "state", "st-1");
        params.putAll(params(more));
        return params;
    }

    private AuthorizeUseCase.Outcome authorize(Map<String, List<String>> params) {
        return oidc.authorize(params, browser);
    }

    private Map<String, String> answer(AuthorizeUseCase.Outcome outcome) {
        assertThat(outcome).isInstanceOf(Redirect.class);
        return query(((Redirect) outcome).location());
    }

    private void assertRefused(Map<String, List<String>> params, String error, String description) {
        Map<String, String> answer = answer(authorize(params));
        assertThat(answer).containsEntry("error", error).containsEntry("error_description", description)
                .containsEntry("state", "st-1").containsEntry("iss", oidc.core.issuer()).doesNotContainKey("code");
    }

    private AuthorizationCode stored(String code) {
        return oidc.oidc.codes().consume(Digests.sha256(code), oidc.clock.instant()).orElseThrow().code();
    }

    @Test
    void anUnknownMissingOrRepeatedClientIsShownNotRedirected() {
        for (Map<String, List<String>> params : List.of(params("redirect_uri", REDIRECT),
                params("client_id", "", "redirect_uri", REDIRECT),
                params("client_id", "nobody", "redirect_uri", REDIRECT),
                Map.of("client_id", List.of("app", "app"), "redirect_uri", List.of(REDIRECT)))) {
            assertThatThrownBy(() -> authorize(params)).isInstanceOf(AuthorizationRequestException.class)
                    .hasFieldOrPropertyWithValue("code", "invalid_client");
        }
    }

    @Test
    void aRedirectUriThatIsMissingRepeatedOrNotRegisteredIsShownNotRedirected() {
        for (Map<String, List<String>> params : List.of(params("client_id", "app"),
                params("client_id", "app", "redirect_uri", "https://evil.example.com/callback"),
                params("client_id", "app", "redirect_uri", REDIRECT + "/"),
                Map.of("client_id", List.of("app"), "redirect_uri", List.of(REDIRECT, REDIRECT)))) {
            assertThatThrownBy(() -> authorize(params)).isInstanceOf(AuthorizationRequestException.class)
                    .hasFieldOrPropertyWithValue("code", "invalid_redirect_uri");
        }
    }

    @Test
    void aSignedInBrowserGetsACodeBoundToTheRequest() {
        oidc.clock.advance(Duration.ofMinutes(5));
        Instant now = oidc.clock.instant();

        Map<String, String> answer = answer(authorize(request("nonce", "n-1", "code_challenge", CHALLENGE,
                "code_challenge_method", "S256")));

        assertThat(answer.keySet()).containsExactly("code", "state", "iss");
        assertThat(answer).containsEntry("state", "st-1").containsEntry("iss", oidc.core.issuer());
        assertThat(answer.get("code")).hasSizeGreaterThanOrEqualTo(43);
        AuthorizationCode code = stored(answer.get("code"));
        assertThat(code.clientId()).isEqualTo("app");
        assertThat(code.userId()).isEqualTo(ada.id());
        assertThat(code.redirectUri()).isEqualTo(REDIRECT);
        assertThat(code.codeChallenge()).isEqualTo(CHALLENGE);
        assertThat(code.nonce()).isEqualTo("n-1");
        assertThat(code.scope()).isEqualTo("openid email");
        assertThat(code.authTime()).isEqualTo(now.minus(Duration.ofMinutes(5)));
        assertThat(code.sessionId()).hasSize(32);
        assertThat(code.epoch()).isEqualTo(ada.credentialEpoch());
        assertThat(code.issuedAt()).isEqualTo(now);
        assertThat(code.expiresAt()).isEqualTo(now.plusSeconds(60));
        assertThat(code.idTokenClaims()).isEqualTo(OidcClaims.fingerprint(ada, Set.of("openid", "email")));
        Map<String, Object> idToken = OidcFixture.claimsOf(code.idToken());
        assertThat(idToken).containsEntry("sub", Long.toString(ada.id())).containsEntry("aud", "app")
                .containsEntry("nonce", "n-1").containsEntry("email", "ada@example.com")
                .containsEntry("sid", code.sessionId()).doesNotContainKey("at_hash");
        assertThat(((Number) idToken.get("exp")).longValue())
                .isEqualTo(now.plus(Duration.ofMinutes(15)).getEpochSecond());

        List<AuditEvent> audited = oidc.audited(AuditAction.OIDC_AUTHORIZATION);
        assertThat(audited).singleElement().satisfies(e -> {
            assertThat(e.subjectId()).isEqualTo(ada.id());
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
            assertThat(e.detail()).isEqualTo("client app");
            assertThat(e.clientAddress()).isEqualTo("192.0.2.7");
        });
    }

    @Test
    void theIdTokenKeptWithTheCodeExpiresWithTheClientsOwnAccessTokens() {
        oidc.client("short", false, false, Set.of(OidcClient.AUTHORIZATION_CODE), OidcClient.SCOPES,
                Duration.ofMinutes(2), null);
        Instant now = oidc.clock.instant();

        Map<String, String> answer = answer(authorize(params("client_id", "short", "redirect_uri", REDIRECT,
                "response_type", "code", "scope", "openid")));

        AuthorizationCode code = stored(answer.get("code"));
        assertThat(((Number) OidcFixture.claimsOf(code.idToken()).get("exp")).longValue())
                .isEqualTo(now.plus(Duration.ofMinutes(2)).getEpochSecond());
        assertThat(answer.keySet()).containsExactly("code", "iss");
        assertThat(code.codeChallenge()).isNull();
        assertThat(code.nonce()).isNull();
    }

    @Test
    void aRedirectUriWithAQueryKeepsItAndAddsTheAnswer() {
        Redirect redirect = (Redirect) authorize(params("client_id", "app", "redirect_uri", REDIRECT + "?tenant=7",
                "response_type", "code", "scope", "openid", "state", "a b&c"));

        assertThat(redirect.location().toString()).startsWith(REDIRECT + "?tenant=7&code=");
        assertThat(query(redirect.location())).containsEntry("tenant", "7").containsEntry("state", "a b&c");
    }

    @Test
    void anIdTokenTooLongToKeepIsLeftForTheRedemptionToSign() {
        String nonce = "é".repeat(2048);

        Map<String, String> answer = answer(authorize(request("nonce", nonce)));

        AuthorizationCode code = stored(answer.get("code"));
        assertThat(code.nonce()).isEqualTo(nonce);
        assertThat(code.idToken()).isNull();
        assertThat(code.idTokenClaims()).isNull();
    }

    @Test
    void aParameterSentTwiceOrTooLongIsRefused() {
        Map<String, List<String>> twice = request();
        twice.put("scope", List.of("openid", "openid"));
        assertRefused(twice, "invalid_request", "Parameter scope was sent more than once.");

        assertRefused(request("login_hint", "x".repeat(2049)), "invalid_request", "Parameter login_hint is too long.");
        assertThat(authorize(request("nonce", "x".repeat(2048)))).isInstanceOf(Redirect.class)
                .satisfies(outcome -> assertThat(answer(outcome)).containsKey("code"));
    }

    @Test
    void theUsersRefusalIsSentToTheClient() {
        AuthorizeUseCase.Outcome outcome = oidc.core.authorize().authorize(
                new AuthorizeUseCase.Command(request(), browser, false, false, OidcFixture.ADDRESS));

        assertThat(answer(outcome)).containsEntry("error", "access_denied")
                .containsEntry("error_description", "The user did not allow the access.");
    }

    @Test
    void requestObjectsAndOtherResponseModesAndTypesAreRefused() {
        assertRefused(request("request", "eyJ.x.y"), "request_not_supported", "Request objects are not supported.");
        assertRefused(request("request_uri", "https://app.example.com/r"), "request_uri_not_supported",
                "Request objects are not supported.");
        assertRefused(request("response_mode", "fragment"), "invalid_request", "Only response_mode=query is supported.");
        assertThat(answer(authorize(request("response_mode", "query")))).containsKey("code");
        Map<String, List<String>> noType = request();
        noType.remove("response_type");
        assertRefused(noType, "invalid_request", "response_type is required.");
        assertRefused(request("response_type", "token"), "unsupported_response_type",
                "Only the authorization code flow (code) is supported.");
    }

    @Test
    void aClientWithoutTheCodeGrantOrAskingBeyondItsScopesIsRefused() {
        oidc.client("service", false, false, Set.of(OidcClient.CLIENT_CREDENTIALS), OidcClient.SCOPES, null, null);
        oidc.client("narrow", false, false, Set.of(OidcClient.AUTHORIZATION_CODE), Set.of("openid", "email"), null,
                null);

        Map<String, String> service = answer(authorize(request("client_id", "service")));
        assertThat(service).containsEntry("error", "unauthorized_client");
        assertRefused(request("scope", "email profile"), "invalid_scope", "The scope must include openid.");
        assertRefused(request("client_id", "narrow", "scope", "openid profile"), "invalid_scope",
                "This client may ask only for the scopes email openid.");
        assertThat(answer(authorize(request("client_id", "narrow", "scope", "openid email")))).containsKey("code");
    }

    @Test
    void pkceMustBeAnS256ChallengeAndPublicClientsMustUseIt() {
        oidc.client("spa", true, false, Set.of(OidcClient.AUTHORIZATION_CODE), OidcClient.SCOPES, null, null);

        assertRefused(request("code_challenge_method", "S256"), "invalid_request",
                "code_challenge_method without code_challenge.");
        assertRefused(request("code_challenge", CHALLENGE), "invalid_request", "code_challenge_method must be S256.");
        assertRefused(request("code_challenge", CHALLENGE, "code_challenge_method", "plain"), "invalid_request",
                "code_challenge_method must be S256.");
        assertRefused(request("code_challenge", CHALLENGE.substring(1), "code_challenge_method", "S256"),
                "invalid_request", "code_challenge is not an S256 challenge.");
        assertRefused(request("code_challenge", CHALLENGE.substring(1) + "=", "code_challenge_method", "S256"),
                "invalid_request", "code_challenge is not an S256 challenge.");
        assertRefused(request("client_id", "spa"), "invalid_request",
                "A public client must use PKCE (code_challenge, S256).");
        assertThat(answer(authorize(request("client_id", "spa", "code_challenge", CHALLENGE,
                "code_challenge_method", "S256")))).containsKey("code");
    }

    @Test
    void promptNoneStandsAlone() {
        assertRefused(request("prompt", "none login"), "invalid_request",
                "prompt=none cannot be combined with other values.");
        assertThat(answer(authorize(request("prompt", "none")))).containsKey("code");
    }

    @Test
    void maxAgeMustBeAWholeNumberOfSeconds() {
        for (String text : List.of("-1", "ten", "1.5")) {
            assertRefused(request("max_age", text), "invalid_request", "max_age must be a whole number of seconds.");
        }
        assertThat(answer(authorize(request("max_age", "0")))).containsKey("code");
    }

    @Test
    void aSessionOlderThanMaxAgeMustSignInAgainUnlessItJustDid() {
        oidc.clock.advance(Duration.ofSeconds(60));

        assertThat(answer(authorize(request("max_age", "60")))).containsKey("code");
        assertThat(authorize(request("max_age", "59", "login_hint", "ada@example.com")))
                .isEqualTo(new SignInRequired("App app", "ada@example.com"));
        assertRefused(request("max_age", "59", "prompt", "none"), "login_required", "The user is not signed in.");
        assertThat(answer(oidc.core.authorize().authorize(new AuthorizeUseCase.Command(request("max_age", "59"),
                browser, true, null, OidcFixture.ADDRESS)))).containsKey("code");
    }

    @Test
    void promptLoginAsksForThePasswordUnlessItWasJustEntered() {
        assertThat(authorize(request("prompt", "login"))).isEqualTo(new SignInRequired("App app", null));
        assertThat(answer(oidc.core.authorize().authorize(new AuthorizeUseCase.Command(request("prompt", "login"),
                browser, true, null, OidcFixture.ADDRESS)))).containsKey("code");
    }

    @Test
    void aBrowserWithoutASessionMustSignIn() {
        assertThat(oidc.authorize(request(), null)).isEqualTo(new SignInRequired("App app", null));
        assertThat(oidc.authorize(request(), "not-a-session")).isEqualTo(new SignInRequired("App app", null));
        Map<String, String> none = answer(oidc.authorize(request("prompt", "none"), null));
        assertThat(none).containsEntry("error", "login_required");
        assertThat(oidc.audited(AuditAction.OIDC_AUTHORIZATION)).isEmpty();
    }

    @Test
    void anIdTokenHintOfAnotherUserAsksForTheirSignIn() {
        User bob = oidc.aConfirmedUser("bob@example.com");
        String bobsBrowser = oidc.browserOf("bob@example.com");
        String bobsIdToken = stored(answer(oidc.authorize(request(), bobsBrowser)).get("code")).idToken();
        String adasIdToken = stored(answer(authorize(request())).get("code")).idToken();

        assertThat(authorize(request("id_token_hint", bobsIdToken))).isEqualTo(new SignInRequired("App app", null));
        Map<String, String> own = answer(authorize(request("id_token_hint", adasIdToken)));
        assertThat(stored(own.get("code")).userId()).isEqualTo(ada.id()).isNotEqualTo(bob.id());
        assertRefused(request("id_token_hint", "not.a.token"), "invalid_request",
                "id_token_hint is not an ID token of this issuer.");
    }

    @Test
    void aClientThatAsksForConsentGetsItOnceAndAgainWhenItAsksForMore() {
        oidc.client("careful", false, true, Set.of(OidcClient.AUTHORIZATION_CODE), OidcClient.SCOPES, null, null);
        Map<String, List<String>> params = request("client_id", "careful");

        assertThat(authorize(params)).isEqualTo(new ConsentRequired("App careful", List.of("openid", "email")));
        assertRefused(request("client_id", "careful", "prompt", "none"), "consent_required",
                "The user has not agreed to give this client the scopes.");
        Map<String, String> agreed = answer(oidc.core.authorize().authorize(
                new AuthorizeUseCase.Command(params, browser, false, true, OidcFixture.ADDRESS)));
        assertThat(agreed).containsKey("code");
        assertThat(oidc.oidc.consents().granted(ada.id(), "careful")).containsExactlyInAnyOrder("openid", "email");

        assertThat(answer(authorize(params))).containsKey("code");
        assertThat(answer(authorize(request("client_id", "careful", "prompt", "none")))).containsKey("code");
        assertThat(authorize(request("client_id", "careful", "prompt", "consent")))
                .isEqualTo(new ConsentRequired("App careful", List.of("openid", "email")));
        assertThat(authorize(request("client_id", "careful", "scope", "openid profile")))
                .isEqualTo(new ConsentRequired("App careful", List.of("openid", "profile")));
        assertThat(oidc.oidc.consents().granted(ada.id(), "app")).isEmpty();
    }

    @Test
    void aParameterWithoutAValueCountsAsAbsent() {
        Map<String, List<String>> params = request();
        params.put("state", List.of());
        params.put("nonce", java.util.Arrays.asList((String) null));

        Map<String, String> answer = answer(authorize(params));

        assertThat(answer.keySet()).containsExactly("code", "iss");
        assertThat(stored(answer.get("code")).nonce()).isNull();
    }

    @Test
    void anIdTokenHintWithoutASessionAsksForTheSignIn() {
        String idToken = stored(answer(authorize(request())).get("code")).idToken();

        assertThat(oidc.authorize(request("id_token_hint", idToken, "login_hint", "ada@example.com"), null))
                .isEqualTo(new SignInRequired("App app", "ada@example.com"));
    }

    @Test
    void aBrowserSessionThatEndedOrPredatesASignOutEverywhereMustSignInAgain() {
        String ended = oidc.browserOf("ada@example.com");
        oidc.core.signOutOfPortal().signOut(ended);
        assertThat(oidc.authorize(request(), ended)).isEqualTo(new SignInRequired("App app", null));
        String expiring = oidc.browserOf("ada@example.com");
        oidc.clock.advance(Duration.ofHours(12));
        assertThat(oidc.authorize(request(), expiring)).isEqualTo(new SignInRequired("App app", null));

        String current = oidc.browserOf("ada@example.com");
        oidc.clock.advance(Duration.ofSeconds(1));
        oidc.core.updateUser().update(new io.userservice.core.port.in.UpdateUserUseCase.Command(
                io.userservice.core.domain.Caller.operator(), ada.id(), new io.userservice.core.port.in.UpdateUserUseCase
                .Patch(null, false, null, false, null, null, "ada@new.example.com"),
                io.userservice.core.domain.ClientAddress.unknown()));

        assertThat(oidc.authorize(request(), current)).isEqualTo(new SignInRequired("App app", null));
    }
}
