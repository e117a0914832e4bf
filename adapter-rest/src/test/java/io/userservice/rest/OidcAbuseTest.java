package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.Prompt;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Role;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.DeactivateUserUseCase;
import io.userservice.core.settings.CoreSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an attacker tries against the OpenID Connect provider, each refused. */
class OidcAbuseTest {

    private static final String EMAIL = "ann@example.com";
    private static final String PASSWORD = "correct horse battery";

    private RestFixture api;
    private OidcRelyingParty rp;
    private OidcRelyingParty other;
    private OidcBrowser browser;
    private long annId;

    @BeforeEach
    void start() {
        api = new RestFixture(CoreSettings.defaults().withRequireConfirmation(false));
        annId = api.signedIn(EMAIL, PASSWORD).json().path("user").path("id").asLong();
        rp = OidcRelyingParty.confidential(api);
        other = OidcRelyingParty.confidential(api);
        browser = new OidcBrowser(api.base());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private record Issued(AuthorizationCode code, CodeVerifier verifier) {
    }

    private Issued aCode() {
        CodeVerifier verifier = new CodeVerifier();
        URI back = rp.authorize(browser, rp.request(new Scope("openid", "email"), new State(), null, verifier).build(),
                EMAIL, PASSWORD);
        return new Issued(rp.codeFrom(back), verifier);
    }

    private OIDCTokenResponse tokens() {
        Issued issued = aCode();
        return (OIDCTokenResponse) rp.redeem(rp.basic(), issued.code(), issued.verifier()).toSuccessResponse();
    }

    private static String error(TokenResponse response) {
        assertThat(response.indicatesSuccess()).isFalse();
        return response.toErrorResponse().getErrorObject().getCode();
    }

    @Test
    void aCodeIsRedeemedOnlyByTheClientItWasIssuedToAndIsThenSpent() {
        Issued issued = aCode();

        assertThat(error(other.redeem(other.basic(), issued.code(), issued.verifier()))).isEqualTo("invalid_grant");
        assertThat(error(rp.redeem(rp.basic(), issued.code(), issued.verifier())))
                .as("any redemption attempt consumes the code").isEqualTo("invalid_grant");
    }

    @Test
    void replaysAndFailedClientAuthenticationsAreAudited() {
        Issued issued = aCode();
        rp.redeem(rp.basic(), issued.code(), issued.verifier());
        rp.redeem(rp.basic(), issued.code(), issued.verifier());
        rp.redeem(new ClientSecretBasic(rp.clientId, new Secret("wrong")), issued.code(), issued.verifier());

        assertThat(api.memory.auditLog().newest(null, 100)).extracting(entry -> entry.event().action() + " "
                + entry.event().outcome()).contains("oidc authorization success", "oidc code redeemed success",
                "oidc code replay denied", "oidc client authentication denied");
    }

    @Test
    void aWrongPkceVerifierFailsAndSpendsTheCode() {
        Issued issued = aCode();

        assertThat(error(rp.redeem(rp.basic(), issued.code(), new CodeVerifier()))).isEqualTo("invalid_grant");
        assertThat(error(rp.redeem(rp.basic(), issued.code(), issued.verifier()))).isEqualTo("invalid_grant");
    }

    @Test
    void aMissingVerifierFailsForACodeIssuedWithAChallenge() {
        Issued issued = aCode();

        assertThat(error(rp.redeem(rp.basic(), issued.code(), null))).isEqualTo("invalid_grant");
    }

    @Test
    void theRedirectUriMustBeRepeatedExactlyAtTheTokenEndpoint() {
        Issued issued = aCode();

        TokenResponse response = rp.token(rp.basic(), new AuthorizationCodeGrant(issued.code(),
                URI.create(OidcRelyingParty.REDIRECT + "/"), issued.verifier()));

        assertThat(error(response)).isEqualTo("invalid_grant");
    }

    @Test
    void twoRacingRedemptionsOfOneCodeHaveOneWinner() {
        Issued issued = aCode();

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Boolean>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(pool.submit(() -> {
                go.await();
                return rp.redeem(rp.basic(), issued.code(), issued.verifier()).indicatesSuccess();
            }));
        }
        go.countDown();
        long winners = calls.stream().filter(call -> {
            try {
                return call.get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).count();
        pool.shutdownNow();

        assertThat(winners).as("one redemption wins; a replay racing it revokes what it got, so none may").isLessThanOrEqualTo(1);
    }

    @Test
    void redirectsThatLeaveTheRegisteredAddressGetAnErrorPageAndNeverALocation() {
        for (String redirect : List.of(OidcRelyingParty.REDIRECT + "/", OidcRelyingParty.REDIRECT + "?x=1",
                OidcRelyingParty.REDIRECT + "#frag", "https://rp.example.org.evil.net/callback",
                "https://evil.net/callback", "//evil.net/callback", "javascript:alert(1)",
                OidcRelyingParty.REDIRECT.toUpperCase(java.util.Locale.ROOT))) {
            OidcBrowser.Page page = browser.get("/oidc/authorize?response_type=code&scope=openid&client_id="
                    + rp.clientId.getValue() + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
                    + "&state=s");
            assertThat(page.status()).as(redirect).isEqualTo(400);
            assertThat(page.location()).as(redirect).isNull();
            assertThat(page.body()).contains("<main");
        }
        OidcBrowser.Page twice = browser.get("/oidc/authorize?response_type=code&scope=openid&client_id="
                + rp.clientId.getValue() + "&redirect_uri=" + URLEncoder.encode(OidcRelyingParty.REDIRECT,
                StandardCharsets.UTF_8) + "&redirect_uri=https%3A%2F%2Fevil.net%2F");
        assertThat(twice.location()).isNull();
        OidcBrowser.Page unknown = browser.get("/oidc/authorize?response_type=code&scope=openid&client_id=nobody"
                + "&redirect_uri=" + URLEncoder.encode(OidcRelyingParty.REDIRECT, StandardCharsets.UTF_8));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.location()).isNull();
        assertThat(unknown.body()).contains("not known to this service");
    }

    @Test
    void otherBadRequestsGoBackToTheClientWithStateAndIssuer() {
        for (Map.Entry<String, String> bad : Map.of(
                "response_type=token", "unsupported_response_type",
                "response_type=code&scope=openid%20admin", "invalid_scope",
                "response_type=code&scope=email", "invalid_scope",
                "response_type=code&scope=openid&code_challenge=abc&code_challenge_method=plain", "invalid_request",
                "response_type=code&scope=openid&request_uri=https%3A%2F%2Fevil.net%2Fr", "request_uri_not_supported",
                "response_type=code&scope=openid&response_mode=fragment", "invalid_request",
                "response_type=code&scope=openid&max_age=-1", "invalid_request").entrySet()) {
            OidcBrowser.Page page = browser.get("/oidc/authorize?" + bad.getKey() + "&client_id="
                    + rp.clientId.getValue() + "&redirect_uri=" + URLEncoder.encode(OidcRelyingParty.REDIRECT,
                    StandardCharsets.UTF_8) + "&state=xyz&display=popup&unknown=ignored");
            assertThat(page.status()).as(bad.getKey()).isEqualTo(303);
            assertThat(page.location()).as(bad.getKey()).startsWith(OidcRelyingParty.REDIRECT + "?error=" + bad.getValue())
                    .contains("&state=xyz").contains("&iss=");
        }
    }

    @Test
    void anAccessTokenIsNoIdTokenHintAndAnIdTokenIsNoAccessToken() {
        OIDCTokenResponse tokens = tokens();
        String accessToken = tokens.getOIDCTokens().getAccessToken().getValue();
        String idToken = tokens.getOIDCTokens().getIDTokenString();

        OidcBrowser.Page hinted = browser.get("/oidc/authorize?response_type=code&scope=openid&prompt=none&client_id="
                + rp.clientId.getValue() + "&redirect_uri=" + URLEncoder.encode(OidcRelyingParty.REDIRECT,
                StandardCharsets.UTF_8) + "&code_challenge=" + "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                + "&code_challenge_method=S256&id_token_hint=" + accessToken);
        assertThat(hinted.location()).contains("error=invalid_request");

        assertThat(api.get("/user", idToken).status()).isEqualTo(401);
        assertThat(api.send("GET", "/oidc/userinfo", null, null, Map.of("Authorization", "Bearer " + idToken))
                .status()).isEqualTo(401);
        OidcBrowser.Page logout = browser.get("/oidc/logout?id_token_hint=" + accessToken
                + "&post_logout_redirect_uri=" + URLEncoder.encode(OidcRelyingParty.LOGOUT_REDIRECT, StandardCharsets.UTF_8));
        assertThat(logout.status()).isEqualTo(400);
    }

    @Test
    void aNativeAccessTokenIsNoUserinfoTokenAndAServiceTokenNoUserToken() {
        String nativeToken = api.post("/auth/login", Map.of("email", EMAIL, "password", PASSWORD)).json()
                .path("accessToken").asText();

        RestFixture.Reply reply = api.send("GET", "/oidc/userinfo", null, null, Map.of("Authorization", "Bearer " + nativeToken));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void refreshTokensStayWithTheirClientAndTheirApi() {
        RefreshToken refresh = tokens().getOIDCTokens().getRefreshToken();
        String nativeRefresh = api.post("/auth/login", Map.of("email", EMAIL, "password", PASSWORD)).json()
                .path("refreshToken").asText();

        assertThat(error(other.token(other.basic(), new RefreshTokenGrant(refresh)))).isEqualTo("invalid_grant");
        assertThat(error(rp.token(rp.basic(), new RefreshTokenGrant(new RefreshToken(nativeRefresh)))))
                .isEqualTo("invalid_grant");
        assertThat(api.post("/auth/token", Map.of("refreshToken", refresh.getValue())).status()).isEqualTo(401);
        assertThat(rp.token(rp.basic(), new RefreshTokenGrant(refresh)).indicatesSuccess())
                .as("the refused attempts did not spend the client's token").isTrue();
    }

    @Test
    void badClientCredentialsAre401WithAChallengeAndTheSameForAnUnknownClient() {
        Issued issued = aCode();
        TokenResponse wrong = rp.redeem(new ClientSecretBasic(rp.clientId, new Secret("not-the-secret")), issued.code(),
                issued.verifier());
        TokenResponse unknown = rp.redeem(new ClientSecretBasic(new com.nimbusds.oauth2.sdk.id.ClientID("nobody"),
                new Secret("x")), issued.code(), issued.verifier());

        assertThat(error(wrong)).isEqualTo("invalid_client");
        assertThat(wrong.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(401);
        assertThat(error(unknown)).isEqualTo("invalid_client");
        assertThat(rp.redeem(rp.basic(), issued.code(), issued.verifier()).indicatesSuccess())
                .as("a failed client authentication does not spend the code").isTrue();
        RestFixture.Reply raw = api.send("POST", "/oidc/token", "application/x-www-form-urlencoded",
                "grant_type=client_credentials&client_id=" + rp.clientId.getValue() + "&client_secret=nope", Map.of());
        assertThat(raw.status()).isEqualTo(401);
        assertThat(raw.header("WWW-Authenticate")).isNotNull();
        assertThat(raw.header("Cache-Control")).isEqualTo("no-store");
        assertThat(raw.json().path("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void malformedClientCredentialsInBasicAre401NotAFault() {
        String[] malformed = {"%:x", "client:%zz", "%E0%A4%A:secret"};
        for (String credentials : malformed) {
            String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                    credentials.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (String path : new String[] {"/oidc/token", "/oidc/introspect", "/oidc/revoke"}) {
                RestFixture.Reply reply = api.send("POST", path, "application/x-www-form-urlencoded",
                        "grant_type=client_credentials&token=x", Map.of("Authorization", basic));
                assertThat(reply.status()).as(path + " with " + credentials).isEqualTo(401);
                assertThat(reply.json().path("error").asText()).isEqualTo("invalid_client");
            }
        }
    }

    @Test
    void aPublicClientCannotUseASecretNorClientCredentials() {
        OidcRelyingParty app = OidcRelyingParty.register(api, true, false, Set.of("authorization_code"));
        RestFixture.Reply reply = api.send("POST", "/oidc/token", "application/x-www-form-urlencoded",
                "grant_type=client_credentials&client_id=" + app.clientId.getValue(), Map.of());

        assertThat(reply.json().path("error").asText()).isEqualTo("unauthorized_client");
    }

    @Test
    void aClientTokenOfAnAdministratorCannotAdministerNorMintTokens() {
        api.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), annId, Role.ADMIN, true, ClientAddress.unknown()));
        String accessToken = tokens().getOIDCTokens().getAccessToken().getValue();

        assertThat(api.get("/admin/clients", accessToken).status()).isEqualTo(403);
        assertThat(api.get("/admin/audit", accessToken).status()).isEqualTo(403);
        assertThat(api.send("GET", "/api/sys/users/" + annId + "/token/refresh", null, null,
                Map.of("Authorization", "Bearer " + accessToken)).status()).isEqualTo(403);
        RestFixture.Reply minted = api.send("GET", "/en/user/me", null, null,
                Map.of("Authorization", "Bearer " + accessToken));
        assertThat(minted.status()).as("a client's token never becomes a portal sign-in").isEqualTo(403);
        assertThat(minted.body()).doesNotContain("AccessToken");
        String own = api.post("/auth/login", Map.of("email", EMAIL, "password", PASSWORD)).json()
                .path("accessToken").asText();
        assertThat(api.get("/admin/clients", own).status()).isEqualTo(200);
    }

    @Test
    void aDeactivatedUsersClientTokensStopAndIntrospectInactive() throws Exception {
        OIDCTokenResponse tokens = tokens();
        String accessToken = tokens.getOIDCTokens().getAccessToken().getValue();
        api.core.deactivateUser().setActive(new DeactivateUserUseCase.Command(Caller.operator(), annId, false, ClientAddress.unknown()));

        assertThat(api.get("/user", accessToken).status()).isEqualTo(401);
        assertThat(api.send("GET", "/oidc/userinfo", null, null, Map.of("Authorization", "Bearer " + accessToken))
                .status()).isEqualTo(401);
        assertThat(introspect(accessToken).path("active").asBoolean()).isFalse();
        assertThat(introspect(tokens.getOIDCTokens().getRefreshToken().getValue()).path("active").asBoolean()).isFalse();
        assertThat(error(rp.token(rp.basic(), new RefreshTokenGrant(tokens.getOIDCTokens().getRefreshToken()))))
                .isEqualTo("invalid_grant");
    }

    @Test
    void aClientLearnsNothingAboutAnotherClientsTokensAndCannotRevokeThem() {
        OIDCTokenResponse tokens = tokens();
        String accessToken = tokens.getOIDCTokens().getAccessToken().getValue();
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (other.clientId.getValue() + ":" + other.secret.getValue()).getBytes(StandardCharsets.UTF_8));

        RestFixture.Reply peek = api.send("POST", "/oidc/introspect", "application/x-www-form-urlencoded",
                "token=" + accessToken, Map.of("Authorization", basic));
        RestFixture.Reply revoke = api.send("POST", "/oidc/revoke", "application/x-www-form-urlencoded",
                "token=" + tokens.getOIDCTokens().getRefreshToken().getValue(), Map.of("Authorization", basic));

        assertThat(peek.json().path("active").asBoolean()).isFalse();
        assertThat(peek.json().size()).isEqualTo(1);
        assertThat(revoke.status()).isEqualTo(200);
        assertThat(api.get("/user", accessToken).status()).isEqualTo(200);
        assertThat(api.send("POST", "/oidc/introspect", "application/x-www-form-urlencoded", "token=" + accessToken,
                Map.of()).status()).isEqualTo(401);
    }

    @Test
    void anImpersonationTokenIsNoUserinfoTokenAndIntrospectsInactive() {
        long bob = api.signedIn("bob@example.com", PASSWORD).json().path("user").path("id").asLong();
        api.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), bob, Role.ADMIN, true, ClientAddress.unknown()));
        String minted = api.core.impersonate().impersonate(new io.userservice.core.port.in.ImpersonateUseCase.Command(
                Caller.user(bob), annId, null, ClientAddress.unknown())).token();
        assertThat(api.get("/user", minted).status()).as("the token itself works on the user's routes").isEqualTo(200);

        RestFixture.Reply info = api.send("GET", "/oidc/userinfo", null, null, Map.of("Authorization", "Bearer " + minted));

        assertThat(info.status()).isEqualTo(401);
        assertThat(introspect(minted).path("active").asBoolean()).isFalse();
        assertThat(introspect(minted).size()).isEqualTo(1);
    }

    @Test
    void promptNoneInTheBrowserSessionOfADeactivatedUserAsksForASignInEvenAfterReactivation() {
        aCode();
        String silent = OidcRelyingParty.pathOf(rp.request(new Scope("openid"), new State(), null, new CodeVerifier())
                .prompt(new Prompt(Prompt.Type.NONE)).build().toURI());
        assertThat(browser.get(silent).location()).as("the browser session gives codes").contains("code=");

        api.core.deactivateUser().setActive(new DeactivateUserUseCase.Command(Caller.operator(), annId, false, ClientAddress.unknown()));
        assertThat(browser.get(silent).location()).contains("error=login_required").doesNotContain("code=");
        api.core.deactivateUser().setActive(new DeactivateUserUseCase.Command(Caller.operator(), annId, true, ClientAddress.unknown()));
        assertThat(browser.get(silent).location()).contains("error=login_required").doesNotContain("code=");
    }

    private com.fasterxml.jackson.databind.JsonNode introspect(String token) {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (rp.clientId.getValue() + ":" + rp.secret.getValue()).getBytes(StandardCharsets.UTF_8));
        return api.send("POST", "/oidc/introspect", "application/x-www-form-urlencoded", "token=" + token,
                Map.of("Authorization", basic)).json();
    }

    @Test
    void theSignInFormTakesNoPostFromAnotherSiteAndAWrongPasswordShowsThePageAgain() {
        OidcBrowser.Page page = browser.get(OidcRelyingParty.pathOf(rp.request(new Scope("openid"), new State(), null,
                new CodeVerifier()).build().toURI()));
        Map<String, String> fields = new java.util.LinkedHashMap<>(page.hidden());
        fields.put("email", EMAIL);
        fields.put("password", PASSWORD);

        OidcBrowser.Page crossSite = browser.post(OidcResource.SIGN_IN, fields,
                Map.of("Origin", "https://evil.example.net", "Sec-Fetch-Site", "cross-site"));
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(browser.cookies).doesNotContainKey(PortalResource.SESSION_COOKIE);

        fields.put("password", "wrong password!");
        OidcBrowser.Page wrong = browser.post(OidcResource.SIGN_IN, fields);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("role=\"alert\"").contains("value=\"" + EMAIL + "\"")
                .contains("name=\"client_id\"");
        assertThat(browser.cookies).doesNotContainKey(PortalResource.SESSION_COOKIE);
    }

    @Test
    void theSignInIsThrottledLikeEveryOtherChannelAndSharesItsCounters() {
        for (int i = 0; i < 30; i++) {
            api.post("/auth/login", Map.of("email", EMAIL, "password", "wrong password " + i));
        }
        OidcBrowser.Page page = browser.get(OidcRelyingParty.pathOf(rp.request(new Scope("openid"), new State(), null,
                new CodeVerifier()).build().toURI()));
        Map<String, String> fields = new java.util.LinkedHashMap<>(page.hidden());
        fields.put("email", EMAIL);
        fields.put("password", PASSWORD);

        OidcBrowser.Page throttled = browser.post(OidcResource.SIGN_IN, fields);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.body()).contains("Too many attempts");
    }

    @Test
    void consentIsAskedOnceRememberedAndADenialGoesBackAsAccessDenied() {
        OidcRelyingParty asking = OidcRelyingParty.register(api, false, true, Set.of("authorization_code"));
        OidcBrowser.Page signIn = browser.get(OidcRelyingParty.pathOf(asking.request(new Scope("openid", "email"),
                new State(), null, new CodeVerifier()).build().toURI()));
        Map<String, String> fields = new java.util.LinkedHashMap<>(signIn.hidden());
        fields.put("email", EMAIL);
        fields.put("password", PASSWORD);
        OidcBrowser.Page consent = browser.post(OidcResource.SIGN_IN, fields);
        assertThat(consent.status()).isEqualTo(200);
        assertThat(consent.body()).contains("See your email address").contains("name=\"decision\"");

        Map<String, String> deny = new java.util.LinkedHashMap<>(consent.hidden());
        deny.put("decision", "deny");
        OidcBrowser.Page denied = browser.post(OidcResource.CONSENT, deny);
        assertThat(denied.location()).startsWith(OidcRelyingParty.REDIRECT + "?error=access_denied");

        Map<String, String> allow = new java.util.LinkedHashMap<>(consent.hidden());
        allow.put("decision", "allow");
        assertThat(browser.post(OidcResource.CONSENT, allow, Map.of("Origin", "https://evil.example.net",
                "Sec-Fetch-Site", "cross-site")).status()).isEqualTo(403);
        assertThat(browser.post(OidcResource.CONSENT, allow).location()).contains("code=");
        OidcBrowser.Page again = browser.get(OidcRelyingParty.pathOf(asking.request(new Scope("openid", "email"),
                new State(), null, new CodeVerifier()).prompt(new Prompt(Prompt.Type.NONE)).build().toURI()));
        assertThat(again.location()).as("the consent is remembered").contains("code=");
    }

    @Test
    void theSignInPageMayPostOnlyHereAndToTheRegisteredClientsOriginWithTheHeadersOfEveryPage() {
        String path = OidcRelyingParty.pathOf(rp.request(new Scope("openid"), new State(), null, new CodeVerifier())
                .build().toURI());
        RestFixture.Reply page = api.get(path);

        assertThat(page.headers().allValues("Content-Security-Policy")).hasSize(1);
        assertThat(page.header("Content-Security-Policy")).contains("form-action 'self' https://rp.example.org;")
                .contains("frame-ancestors 'none'").startsWith("script-src 'self'; connect-src 'self'; ")
                .doesNotContain("unsafe");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        RestFixture.Reply error = api.get("/oidc/authorize?response_type=code&scope=openid&client_id="
                + rp.clientId.getValue() + "&redirect_uri=https%3A%2F%2Fevil.net%2F");
        assertThat(error.header("Content-Security-Policy")).contains("form-action 'self';").doesNotContain("evil")
                .doesNotContain("script-src");
    }

    @Test
    void aLogoutFromAnotherSiteIsOnlyEverConfirmedHere() {
        tokens();
        OidcBrowser.Page page = browser.post(OidcResource.LOGOUT, Map.of("client_id", rp.clientId.getValue(),
                "post_logout_redirect_uri", OidcRelyingParty.LOGOUT_REDIRECT),
                Map.of("Origin", "https://rp.example.org", "Sec-Fetch-Site", "cross-site"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\" action=\"/oidc/logout\">");
        assertThat(browser.cookies).containsKey(PortalResource.SESSION_COOKIE);
    }
}
