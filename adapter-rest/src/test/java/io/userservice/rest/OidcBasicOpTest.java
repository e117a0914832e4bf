package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import io.userservice.core.settings.CoreSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The provider against Nimbus {@code oauth2-oidc-sdk} as the relying party, one test per module
 * of the OpenID Foundation's Basic OP conformance plan it mirrors (named in each display name).
 */
class OidcBasicOpTest {

    private static final String EMAIL = "ann@example.com";
    private static final String PASSWORD = "correct horse battery";

    private final OffsetClock clock = new OffsetClock();
    private RestFixture api;
    private OidcRelyingParty rp;
    private OidcBrowser browser;
    private long annId;

    @BeforeEach
    void start() {
        api = new RestFixture(CoreSettings.defaults().withRequireConfirmation(false), builder -> builder.clock(clock));
        annId = api.signedIn(EMAIL, PASSWORD).json().path("user").path("id").asLong();
        api.core.updateName().updateName(new io.userservice.core.port.in.UpdateNameUseCase.Command(annId, "Ann", "Lee"));
        rp = OidcRelyingParty.confidential(api);
        browser = new OidcBrowser(api.base());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private record Flow(OIDCTokenResponse tokens, IDTokenClaimsSet idToken, Nonce nonce) {
        AccessToken accessToken() {
            return tokens.getOIDCTokens().getAccessToken();
        }

        RefreshToken refreshToken() {
            return tokens.getOIDCTokens().getRefreshToken();
        }
    }

    private Flow codeFlow(Scope scope, boolean withNonce) {
        Nonce nonce = withNonce ? new Nonce() : null;
        State state = new State();
        CodeVerifier verifier = new CodeVerifier();
        URI back = rp.authorize(browser, rp.request(scope, state, nonce, verifier).build(), EMAIL, PASSWORD);
        AuthenticationResponse response = rp.parse(back);
        assertThat(response.getState()).isEqualTo(state);
        assertThat(response.toSuccessResponse().getIssuer().getValue()).isEqualTo(api.core.issuer());
        TokenResponse tokens = rp.redeem(rp.basic(), response.toSuccessResponse().getAuthorizationCode(), verifier);
        assertThat(tokens.indicatesSuccess()).as(String.valueOf(tokens)).isTrue();
        OIDCTokenResponse oidc = (OIDCTokenResponse) tokens.toSuccessResponse();
        return new Flow(oidc, rp.validate(oidc.getOIDCTokens().getIDToken(), nonce), nonce);
    }

    @Test
    @DisplayName("oidcc-discovery: the metadata parses and names every endpoint under the public URL")
    void discovery() throws Exception {
        RestFixture.Reply reply = api.get("/.well-known/openid-configuration");
        OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(reply.body());

        assertThat(metadata.getIssuer().getValue()).isEqualTo(api.core.issuer());
        assertThat(metadata.getAuthorizationEndpointURI()).hasToString("https://id.example.com/oidc/authorize");
        assertThat(metadata.getTokenEndpointURI()).hasToString("https://id.example.com/oidc/token");
        assertThat(metadata.getUserInfoEndpointURI()).hasToString("https://id.example.com/oidc/userinfo");
        assertThat(metadata.getJWKSetURI()).hasToString("https://id.example.com/.well-known/jwks.json");
        assertThat(metadata.getRevocationEndpointURI()).hasToString("https://id.example.com/oidc/revoke");
        assertThat(metadata.getIntrospectionEndpointURI()).hasToString("https://id.example.com/oidc/introspect");
        assertThat(metadata.getEndSessionEndpointURI()).hasToString("https://id.example.com/oidc/logout");
        assertThat(metadata.getResponseTypes()).extracting(Object::toString).containsExactly("code");
        assertThat(metadata.getResponseModes()).extracting(Object::toString).containsExactly("query");
        assertThat(metadata.getCodeChallengeMethods()).extracting(Object::toString).containsExactly("S256");
        assertThat(metadata.getIDTokenJWSAlgs()).containsExactly(JWSAlgorithm.RS256);
        assertThat(metadata.getTokenEndpointAuthMethods()).extracting(Object::toString)
                .containsExactly("client_secret_basic", "client_secret_post", "none");
        assertThat(metadata.getGrantTypes()).extracting(Object::toString)
                .containsExactly("authorization_code", "refresh_token", "client_credentials");
        assertThat(metadata.getScopes().toStringList()).containsExactly("openid", "profile", "email", "offline_access");
        assertThat(metadata.supportsAuthorizationResponseIssuerParam()).isTrue();
        assertThat(metadata.supportsRequestParam()).isFalse();
        assertThat(reply.body()).as("the request's host never makes an endpoint").doesNotContain("127.0.0.1");
    }

    @Test
    @DisplayName("oidcc-server, oidcc-client-auth-basic: the code flow with client_secret_basic")
    void codeFlowWithClientSecretBasic() {
        Flow flow = codeFlow(new Scope("openid", "email"), true);

        IDTokenClaimsSet id = flow.idToken();
        assertThat(id.getSubject().getValue()).isEqualTo(Long.toString(annId));
        assertThat(id.getAudience()).extracting(Object::toString).containsExactly(rp.clientId.getValue());
        assertThat(id.getNonce()).isEqualTo(flow.nonce());
        assertThat(id.getAuthenticationTime()).isNotNull();
        assertThat(id.getStringClaim("sid")).isNotBlank();
        assertThat(id.getStringClaim("email")).isEqualTo(EMAIL);
        assertThat(id.getClaim("email_verified")).isEqualTo(true);
        assertThat(id.getStringClaim("given_name")).isNull();
        // signed when the code was issued, before the access token existed (at_hash is optional in the code flow)
        assertThat(id.getAccessTokenHash()).isNull();
        assertThat(flow.tokens().getOIDCTokens().getAccessToken().getLifetime()).isEqualTo(900);
        assertThat(api.get("/user", flow.accessToken().getValue()).status())
                .as("a client access token reads the read-only GET /user").isEqualTo(200);
    }

    @Test
    @DisplayName("oidcc-server: claims that changed between the authorization and the redemption get a fresh ID token")
    void anIdTokenSignedWithTheCodeIsSignedAgainWhenTheUsersClaimsChangedBeforeTheRedemption() {
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        URI back = rp.authorize(browser, rp.request(new Scope("openid", "profile"), state, nonce, verifier).build(),
                EMAIL, PASSWORD);
        api.core.updateName().updateName(new io.userservice.core.port.in.UpdateNameUseCase.Command(annId, "Annabel",
                "Lee"));

        TokenResponse tokens = rp.redeem(rp.basic(), rp.parse(back).toSuccessResponse().getAuthorizationCode(),
                verifier);

        OIDCTokenResponse oidc = (OIDCTokenResponse) tokens.toSuccessResponse();
        IDTokenClaimsSet id = rp.validate(oidc.getOIDCTokens().getIDToken(), nonce);
        assertThat(id.getStringClaim("given_name")).isEqualTo("Annabel");
        assertThat(id.getNonce()).isEqualTo(nonce);
        assertThat(id.getStringClaim("sid")).isNotBlank();
        assertThat(AccessTokenValidatorCheck.matches(oidc.getOIDCTokens().getAccessToken(), id))
                .as("signed at the redemption, it carries the hash of the access token").isTrue();
    }

    @Test
    @DisplayName("oidcc-server: the ID token signed with the code says what the user was when it was issued")
    void anIdTokenSignedWithTheCodeCarriesTheRequestAndTheUser() {
        Flow flow = codeFlow(new Scope("openid", "profile", "email"), true);

        IDTokenClaimsSet id = flow.idToken();
        assertThat(id.getStringClaim("given_name")).isEqualTo("Ann");
        assertThat(id.getStringClaim("family_name")).isEqualTo("Lee");
        assertThat(id.getStringClaim("email")).isEqualTo(EMAIL);
        assertThat(id.getNonce()).isEqualTo(flow.nonce());
        assertThat(id.getExpirationTime().getTime() - id.getIssueTime().getTime()).isEqualTo(900_000L);
        assertThat(id.getStringClaim("azp")).isEqualTo(rp.clientId.getValue());
    }

    @Test
    @DisplayName("oidcc-client-auth-post: the code flow with client_secret_post")
    void codeFlowWithClientSecretPost() {
        CodeVerifier verifier = new CodeVerifier();
        URI back = rp.authorize(browser, rp.request(new Scope("openid"), new State(), new Nonce(), verifier).build(),
                EMAIL, PASSWORD);

        TokenResponse tokens = rp.redeem(rp.post(), rp.codeFrom(back), verifier);

        assertThat(tokens.indicatesSuccess()).as(String.valueOf(tokens)).isTrue();
    }

    @Test
    @DisplayName("oidcc-ensure-request-without-nonce-succeeds-for-code-flow: no nonce, none in the ID token")
    void withoutNonce() {
        Flow flow = codeFlow(new Scope("openid"), false);

        assertThat(flow.idToken().getNonce()).isNull();
    }

    @Test
    @DisplayName("oidcc-userinfo-get, -post-header, -post-body: the same claims three ways")
    void userInfoThreeWays() throws Exception {
        Flow flow = codeFlow(new Scope("openid", "email", "profile"), true);
        BearerAccessToken token = (BearerAccessToken) flow.accessToken();
        URI endpoint = rp.endpoint("/oidc/userinfo");

        UserInfo byGet = userInfo(new UserInfoRequest(endpoint, token).toHTTPRequest());
        UserInfo byPostHeader = userInfo(new UserInfoRequest(endpoint, HTTPRequest.Method.POST, token).toHTTPRequest());
        HTTPRequest inBody = new HTTPRequest(HTTPRequest.Method.POST, endpoint);
        inBody.setContentType("application/x-www-form-urlencoded");
        inBody.setBody("access_token=" + token.getValue());
        UserInfo byPostBody = userInfo(inBody);

        for (UserInfo info : List.of(byGet, byPostHeader, byPostBody)) {
            assertThat(info.getSubject().getValue()).isEqualTo(Long.toString(annId));
            assertThat(info.getEmailAddress()).isEqualTo(EMAIL);
            assertThat(info.getGivenName()).isEqualTo("Ann");
            assertThat(info.getFamilyName()).isEqualTo("Lee");
            assertThat(info.getLocale()).isEqualTo("en");
        }
    }

    private static UserInfo userInfo(HTTPRequest request) throws Exception {
        UserInfoResponse response = UserInfoResponse.parse(request.send());
        assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isTrue();
        return response.toSuccessResponse().getUserInfo();
    }

    @Test
    @DisplayName("oidcc-scope-profile, -email, -all, oidcc-ensure-other-scope-order-succeeds: claims by scope")
    void claimsByScope() throws Exception {
        IDTokenClaimsSet profile = codeFlow(new Scope("openid", "profile"), true).idToken();
        assertThat(profile.getStringClaim("given_name")).isEqualTo("Ann");
        assertThat(profile.getStringClaim("family_name")).isEqualTo("Lee");
        assertThat(profile.getStringClaim("email")).isNull();

        IDTokenClaimsSet email = codeFlow(new Scope("openid", "email"), true).idToken();
        assertThat(email.getStringClaim("email")).isEqualTo(EMAIL);
        assertThat(email.getStringClaim("given_name")).isNull();

        IDTokenClaimsSet all = codeFlow(new Scope("email", "profile", "openid"), true).idToken();
        assertThat(all.getStringClaim("email")).isEqualTo(EMAIL);
        assertThat(all.getStringClaim("locale")).isEqualTo("en");
    }

    @Test
    @DisplayName("oidcc-prompt-login: a signed-in browser is asked for the password again")
    void promptLogin() {
        IDTokenClaimsSet first = codeFlow(new Scope("openid"), true).idToken();
        clock.advance(Duration.ofSeconds(5));

        AuthenticationRequest again = rp.request(new Scope("openid"), new State(), new Nonce(), new CodeVerifier())
                .prompt(new Prompt(Prompt.Type.LOGIN)).build();
        OidcBrowser.Page page = browser.get(OidcRelyingParty.pathOf(again.toURI()));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"password\"");
        URI back = rp.authorize(browser, again, EMAIL, PASSWORD);
        assertThat(rp.codeFrom(back)).isNotNull();
        CodeVerifier verifier = new CodeVerifier();
        Nonce nonce = new Nonce();
        IDTokenClaimsSet second = rp.validate(((OIDCTokenResponse) rp.redeem(rp.basic(), rp.codeFrom(rp.authorize(
                browser, rp.request(new Scope("openid"), new State(), nonce, verifier)
                        .prompt(new Prompt(Prompt.Type.LOGIN)).build(), EMAIL, PASSWORD)), verifier)
                .toSuccessResponse()).getOIDCTokens().getIDToken(), nonce);
        assertThat(second.getAuthenticationTime()).isAfter(first.getAuthenticationTime());
    }

    @Test
    @DisplayName("oidcc-prompt-none-not-logged-in: login_required goes back to the client")
    void promptNoneLoggedOut() {
        State state = new State();
        AuthenticationRequest request = rp.request(new Scope("openid"), state, null, new CodeVerifier())
                .prompt(new Prompt(Prompt.Type.NONE)).build();

        OidcBrowser.Page page = browser.get(OidcRelyingParty.pathOf(request.toURI()));

        assertThat(page.status()).isEqualTo(303);
        AuthenticationErrorResponse error = rp.parse(URI.create(page.location())).toErrorResponse();
        assertThat(error.getErrorObject().getCode()).isEqualTo("login_required");
        assertThat(error.getState()).isEqualTo(state);
        assertThat(error.getIssuer().getValue()).isEqualTo(api.core.issuer());
    }

    @Test
    @DisplayName("oidcc-prompt-none-logged-in: a signed-in browser gets a code without a page (single sign-on)")
    void promptNoneLoggedIn() {
        codeFlow(new Scope("openid"), true);
        AuthenticationRequest request = rp.request(new Scope("openid"), new State(), null, new CodeVerifier())
                .prompt(new Prompt(Prompt.Type.NONE)).build();

        OidcBrowser.Page page = browser.get(OidcRelyingParty.pathOf(request.toURI()));

        assertThat(page.status()).isEqualTo(303);
        assertThat(rp.codeFrom(URI.create(page.location()))).isNotNull();
    }

    @Test
    @DisplayName("oidcc-max-age-1: after a pause longer than max_age the password is asked again")
    void maxAge() {
        IDTokenClaimsSet first = codeFlow(new Scope("openid"), true).idToken();
        clock.advance(Duration.ofSeconds(2));
        AuthenticationRequest request = rp.request(new Scope("openid"), new State(), new Nonce(), new CodeVerifier())
                .maxAge(1).build();

        OidcBrowser.Page page = browser.get(OidcRelyingParty.pathOf(request.toURI()));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"password\"");
        assertThat(first.getAuthenticationTime()).isNotNull();
    }

    @Test
    @DisplayName("oidcc-id-token-hint: a request with the ID token as hint and prompt=none gets a code")
    void idTokenHint() {
        Flow flow = codeFlow(new Scope("openid"), true);
        AuthenticationRequest request = rp.request(new Scope("openid"), new State(), null, new CodeVerifier())
                .prompt(new Prompt(Prompt.Type.NONE)).idTokenHint(flow.tokens().getOIDCTokens().getIDToken()).build();

        OidcBrowser.Page page = browser.get(OidcRelyingParty.pathOf(request.toURI()));

        assertThat(page.status()).isEqualTo(303);
        assertThat(rp.codeFrom(URI.create(page.location()))).isNotNull();
    }

    @Test
    @DisplayName("oidcc-login-hint and oidcc-ui-locales: the sign-in page prefills the email, in the asked language")
    void loginHintAndUiLocales() throws Exception {
        AuthenticationRequest request = rp.request(new Scope("openid"), new State(), null, new CodeVerifier())
                .loginHint(EMAIL).uiLocales(List.of(com.nimbusds.langtag.LangTag.parse("de-CH"))).build();

        OidcBrowser.Page page = browser.get(OidcRelyingParty.pathOf(request.toURI()));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("value=\"" + EMAIL + "\"").contains("autocomplete=\"username\"")
                .contains("autocomplete=\"current-password\"").contains("<html lang=\"de\"")
                .contains("um mit Team wiki fortzufahren");
        assertThat(rp.authorize(browser, request, EMAIL, PASSWORD)).isNotNull();
    }

    @Test
    @DisplayName("oidcc-codereuse: a second redemption fails and revokes what the first issued")
    void codeReuse() throws Exception {
        reuseAfter(Duration.ZERO);
    }

    @Test
    @DisplayName("oidcc-codereuse-30seconds: a redemption 30 s later fails and revokes what the first issued")
    void codeReuseAfterThirtySeconds() throws Exception {
        reuseAfter(Duration.ofSeconds(30));
    }

    private void reuseAfter(Duration pause) throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationCode code = rp.codeFrom(rp.authorize(browser,
                rp.request(new Scope("openid", "email"), new State(), new Nonce(), verifier).build(), EMAIL, PASSWORD));
        OIDCTokenResponse first = (OIDCTokenResponse) rp.redeem(rp.basic(), code, verifier).toSuccessResponse();
        AccessToken accessToken = first.getOIDCTokens().getAccessToken();
        assertThat(api.get("/user", accessToken.getValue()).status()).isEqualTo(200);
        clock.advance(pause);

        TokenResponse second = rp.redeem(rp.basic(), code, verifier);

        assertThat(second.indicatesSuccess()).isFalse();
        assertThat(second.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
        assertThat(api.get("/user", accessToken.getValue()).status()).isEqualTo(401);
        assertThat(UserInfoResponse.parse(new UserInfoRequest(rp.endpoint("/oidc/userinfo"),
                (BearerAccessToken) accessToken).toHTTPRequest().send()).indicatesSuccess()).isFalse();
        assertThat(rp.token(rp.basic(), new RefreshTokenGrant(first.getOIDCTokens().getRefreshToken()))
                .indicatesSuccess()).isFalse();
        assertThat(introspect(accessToken.getValue()).toSuccessResponse().isActive()).isFalse();
    }

    @Test
    @DisplayName("a code lives 60 seconds")
    void codeExpires() {
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationCode code = rp.codeFrom(rp.authorize(browser,
                rp.request(new Scope("openid"), new State(), null, verifier).build(), EMAIL, PASSWORD));
        clock.advance(Duration.ofSeconds(61));

        TokenResponse late = rp.redeem(rp.basic(), code, verifier);

        assertThat(late.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
    }

    @Test
    @DisplayName("one browser session with the portal: signed in there, a code here without a page; signed out here, out there")
    void oneSessionWithThePortal() {
        OidcBrowser.Page portal = browser.post("/en/user/signin", Map.of("email", EMAIL, "password", PASSWORD));
        assertThat(portal.status()).isEqualTo(303);
        AuthenticationRequest silent = rp.request(new Scope("openid"), new State(), null, new CodeVerifier())
                .prompt(new Prompt(Prompt.Type.NONE)).build();

        OidcBrowser.Page page = browser.get(OidcRelyingParty.pathOf(silent.toURI()));
        assertThat(rp.codeFrom(URI.create(page.location()))).isNotNull();

        OidcBrowser.Page confirm = browser.get("/oidc/logout");
        assertThat(browser.post(OidcResource.LOGOUT, confirm.hidden()).status()).isEqualTo(200);
        assertThat(browser.get("/en/").body()).contains("name=\"password\"");
    }

    @Test
    @DisplayName("oidcc-ensure-registered-redirect-uri: an unregistered redirect URI gets an error page, no redirect")
    void unregisteredRedirectUri() {
        AuthenticationRequest request = new AuthenticationRequest.Builder(new com.nimbusds.oauth2.sdk.ResponseType("code"),
                new Scope("openid"), rp.clientId, URI.create("https://rp.example.org/elsewhere"))
                .endpointURI(rp.endpoint(OidcResource.AUTHORIZE)).state(new State()).build();

        OidcBrowser.Page page = browser.get(OidcRelyingParty.pathOf(request.toURI()));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.location()).isNull();
        assertThat(page.body()).contains("has not registered");
    }

    @Test
    @DisplayName("oidcc-unsigned-request-object-supported-correctly-or-rejected-as-unsupported: request is refused")
    void requestObjectRefused() {
        State state = new State();
        String path = OidcRelyingParty.pathOf(rp.request(new Scope("openid"), state, null, new CodeVerifier())
                .build().toURI()) + "&request=eyJhbGciOiJub25lIn0.eyJzY29wZSI6Im9wZW5pZCJ9.";

        OidcBrowser.Page page = browser.get(path);

        assertThat(page.status()).isEqualTo(303);
        AuthenticationErrorResponse error = rp.parse(URI.create(page.location())).toErrorResponse();
        assertThat(error.getErrorObject().getCode()).isEqualTo("request_not_supported");
        assertThat(error.getState()).isEqualTo(state);
    }

    @Test
    @DisplayName("oidcc-refresh-token: rotation, and reuse of a rotated token revokes the family")
    void refreshRotation() {
        Flow flow = codeFlow(new Scope("openid", "email"), true);
        RefreshToken first = flow.refreshToken();

        TokenResponse rotated = rp.token(rp.basic(), new RefreshTokenGrant(first));
        assertThat(rotated.indicatesSuccess()).as(String.valueOf(rotated)).isTrue();
        RefreshToken second = rotated.toSuccessResponse().getTokens().getRefreshToken();
        assertThat(second).isNotEqualTo(first);
        AccessToken access = rotated.toSuccessResponse().getTokens().getAccessToken();
        assertThat(api.get("/user", access.getValue()).status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(11));
        TokenResponse reused = rp.token(rp.basic(), new RefreshTokenGrant(first));

        assertThat(reused.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
        assertThat(rp.token(rp.basic(), new RefreshTokenGrant(second)).indicatesSuccess()).isFalse();
        assertThat(api.get("/user", access.getValue()).status()).as("the family's access tokens end with it")
                .isEqualTo(401);
    }

    @Test
    @DisplayName("oidcc PKCE: a public client must send a challenge, and then redeems with its verifier alone")
    void publicClientNeedsPkce() {
        OidcRelyingParty app = OidcRelyingParty.register(api, true, false, Set.of("authorization_code", "refresh_token"));
        State state = new State();
        OidcBrowser.Page withoutPkce = browser.get(OidcRelyingParty.pathOf(
                app.request(new Scope("openid"), state, null, null).build().toURI()));
        assertThat(withoutPkce.status()).isEqualTo(303);
        AuthenticationErrorResponse error = app.parse(URI.create(withoutPkce.location())).toErrorResponse();
        assertThat(error.getErrorObject().getCode()).isEqualTo("invalid_request");
        assertThat(error.getState()).isEqualTo(state);

        CodeVerifier verifier = new CodeVerifier();
        AuthorizationCode code = app.codeFrom(app.authorize(browser,
                app.request(new Scope("openid"), new State(), null, verifier).build(), EMAIL, PASSWORD));
        TokenResponse tokens = app.redeem(null, code, verifier);

        assertThat(tokens.indicatesSuccess()).as(String.valueOf(tokens)).isTrue();
    }

    @Test
    @DisplayName("client credentials: a service token that works on no user route")
    void clientCredentials() throws Exception {
        TokenResponse response = rp.token(rp.basic(), new ClientCredentialsGrant());

        assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isTrue();
        AccessToken token = response.toSuccessResponse().getTokens().getAccessToken();
        assertThat(response.toSuccessResponse().getTokens().getRefreshToken()).isNull();
        assertThat(api.get("/user", token.getValue()).status()).isEqualTo(401);
        assertThat(api.get("/user/profile", token.getValue()).status()).isEqualTo(401);
        TokenIntrospectionResponse introspection = introspect(token.getValue());
        assertThat(introspection.toSuccessResponse().isActive()).isTrue();
        assertThat(introspection.toSuccessResponse().getSubject().getValue()).isEqualTo(rp.clientId.getValue());
        assertThat(introspection.toSuccessResponse().getClientID()).isEqualTo(rp.clientId);
    }

    @Test
    @DisplayName("revocation and introspection: a revoked refresh token ends its access tokens too")
    void revocationAndIntrospection() throws Exception {
        Flow flow = codeFlow(new Scope("openid"), true);
        TokenIntrospectionResponse active = introspect(flow.accessToken().getValue());
        assertThat(active.toSuccessResponse().isActive()).isTrue();
        assertThat(active.toSuccessResponse().getSubject().getValue()).isEqualTo(Long.toString(annId));
        assertThat(active.toSuccessResponse().getScope().toStringList()).containsExactly("openid");
        assertThat(introspect(flow.refreshToken().getValue()).toSuccessResponse().isActive()).isTrue();

        HTTPResponse revoked = new TokenRevocationRequest(rp.endpoint("/oidc/revoke"), rp.basic(), flow.refreshToken())
                .toHTTPRequest().send();

        assertThat(revoked.getStatusCode()).isEqualTo(200);
        assertThat(introspect(flow.refreshToken().getValue()).toSuccessResponse().isActive()).isFalse();
        assertThat(introspect(flow.accessToken().getValue()).toSuccessResponse().isActive()).isFalse();
        assertThat(api.get("/user", flow.accessToken().getValue()).status()).isEqualTo(401);
    }

    private TokenIntrospectionResponse introspect(String token) throws Exception {
        return TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(rp.endpoint("/oidc/introspect"),
                rp.basic(), new BearerAccessToken(token)).toHTTPRequest().send());
    }

    @Test
    @DisplayName("end session: confirmation, then back to the registered URI with the state, signed out everywhere")
    void endSession() {
        Flow flow = codeFlow(new Scope("openid"), true);
        State state = new State();
        URI logout = new LogoutRequest(rp.endpoint(OidcResource.LOGOUT), flow.tokens().getOIDCTokens().getIDToken(),
                URI.create(OidcRelyingParty.LOGOUT_REDIRECT), state).toURI();

        OidcBrowser.Page confirm = browser.get(OidcRelyingParty.pathOf(logout));
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(browser.cookies).containsKey(PortalResource.SESSION_COOKIE);
        OidcBrowser.Page done = browser.post(OidcResource.LOGOUT, confirm.hidden());

        assertThat(done.status()).isEqualTo(303);
        assertThat(done.location()).isEqualTo(OidcRelyingParty.LOGOUT_REDIRECT + "?state=" + state.getValue());
        assertThat(browser.cookies).doesNotContainKey(PortalResource.SESSION_COOKIE);
        OidcBrowser.Page silent = browser.get(OidcRelyingParty.pathOf(rp.request(new Scope("openid"), new State(),
                null, new CodeVerifier()).prompt(new Prompt(Prompt.Type.NONE)).build().toURI()));
        assertThat(rp.parse(URI.create(silent.location())).toErrorResponse().getErrorObject().getCode())
                .isEqualTo("login_required");

        URI elsewhere = new LogoutRequest(rp.endpoint(OidcResource.LOGOUT), flow.tokens().getOIDCTokens().getIDToken(),
                URI.create("https://evil.example.net/"), state).toURI();
        OidcBrowser.Page refused = browser.get(OidcRelyingParty.pathOf(elsewhere));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.location()).isNull();
    }

    /** at_hash of the ID token, checked by the library's own validator. */
    private static final class AccessTokenValidatorCheck {
        static boolean matches(AccessToken token, IDTokenClaimsSet id) {
            try {
                AccessTokenValidator.validate(token, JWSAlgorithm.RS256, id.getAccessTokenHash());
                return true;
            } catch (Exception e) {
                return false;
            }
        }
    }
}
