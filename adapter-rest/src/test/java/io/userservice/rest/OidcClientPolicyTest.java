package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.port.in.ManageClientsUseCase;
import io.userservice.core.settings.CoreSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client's own allowed scopes and token lifetimes, as the authorization and token endpoints apply them. */
class OidcClientPolicyTest {

    private static final String EMAIL = "ann@example.com";
    private static final String PASSWORD = "correct horse battery";

    private final OffsetClock clock = new OffsetClock();
    private RestFixture api;
    private OidcBrowser browser;

    @BeforeEach
    void start() {
        api = new RestFixture(CoreSettings.defaults().withRequireConfirmation(false), builder -> builder.clock(clock));
        api.signedIn(EMAIL, PASSWORD);
        browser = new OidcBrowser(api.base());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private OidcRelyingParty client(Set<String> scopes, Duration accessTtl, Duration refreshTtl) {
        return new OidcRelyingParty(api, api.core.manageClients().register(new ManageClientsUseCase.RegisterCommand(
                Caller.operator(), "Team wiki", List.of(OidcRelyingParty.REDIRECT),
                List.of(OidcRelyingParty.LOGOUT_REDIRECT), Set.of("authorization_code", "refresh_token"), false,
                false, ClientAddress.unknown(), scopes, accessTtl, refreshTtl)));
    }

    private OIDCTokenResponse tokens(OidcRelyingParty rp) {
        CodeVerifier verifier = new CodeVerifier();
        URI back = rp.authorize(browser, rp.request(new Scope("openid", "email"), new State(), null, verifier).build(),
                EMAIL, PASSWORD);
        TokenResponse response = rp.redeem(rp.basic(), rp.codeFrom(back), verifier);
        assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isTrue();
        return (OIDCTokenResponse) response.toSuccessResponse();
    }

    private static JsonNode payload(String jwt) throws Exception {
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static long lifetime(String jwt) throws Exception {
        JsonNode claims = payload(jwt);
        return claims.path("exp").asLong() - claims.path("iat").asLong();
    }

    private TokenResponse refresh(OidcRelyingParty rp, RefreshToken token) {
        return rp.token(rp.basic(), new RefreshTokenGrant(token));
    }

    @Test
    void aClientAskingForAScopeOutsideItsAllowedOnesIsSentBackWithInvalidScope() {
        OidcRelyingParty rp = client(Set.of("openid"), null, null);

        OidcBrowser.Page page = browser.get("/oidc/authorize?response_type=code&scope=openid%20email&client_id="
                + rp.clientId.getValue() + "&redirect_uri=" + URLEncoder.encode(OidcRelyingParty.REDIRECT,
                StandardCharsets.UTF_8) + "&state=xyz&code_challenge_method=S256&code_challenge="
                + "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

        assertThat(page.status()).isEqualTo(303);
        assertThat(page.location()).startsWith(OidcRelyingParty.REDIRECT + "?error=invalid_scope")
                .contains("&state=xyz");
        OidcBrowser.Page allowed = browser.get("/oidc/authorize?response_type=code&scope=openid&client_id="
                + rp.clientId.getValue() + "&redirect_uri=" + URLEncoder.encode(OidcRelyingParty.REDIRECT,
                StandardCharsets.UTF_8) + "&state=xyz&code_challenge_method=S256&code_challenge="
                + "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertThat(allowed.location()).as("openid alone is allowed: the sign-in page is shown").isNull();
        assertThat(allowed.status()).isEqualTo(200);
    }

    @Test
    void aClientsAccessTokenLifetimeSetsTheExpiryOfItsAccessAndIdTokens() throws Exception {
        OidcRelyingParty rp = client(null, Duration.ofMinutes(2), null);

        OIDCTokenResponse tokens = tokens(rp);

        assertThat(tokens.getOIDCTokens().getAccessToken().getLifetime()).isEqualTo(120);
        assertThat(lifetime(tokens.getOIDCTokens().getAccessToken().getValue())).isEqualTo(120);
        assertThat(lifetime(tokens.getOIDCTokens().getIDTokenString())).isEqualTo(120);
        OIDCTokenResponse refreshed = (OIDCTokenResponse) refresh(rp, tokens.getOIDCTokens().getRefreshToken())
                .toSuccessResponse();
        assertThat(lifetime(refreshed.getOIDCTokens().getAccessToken().getValue())).isEqualTo(120);

        String nativeToken = api.signedIn("bob@example.com", PASSWORD).json().path("accessToken").asText();
        assertThat(lifetime(nativeToken)).as("the native API keeps the default")
                .isEqualTo(CoreSettings.defaults().accessTokenTtl().toSeconds());
        assertThat(lifetime(tokens(client(null, null, null)).getOIDCTokens().getAccessToken().getValue()))
                .as("a client without its own lifetime gets the default")
                .isEqualTo(CoreSettings.defaults().accessTokenTtl().toSeconds());
    }

    @Test
    void aClientsRefreshTokenLifetimeEndsItsRefreshTokensAndTheirSuccessors() {
        OidcRelyingParty rp = client(null, null, Duration.ofMinutes(10));
        RefreshToken first = tokens(rp).getOIDCTokens().getRefreshToken();
        RefreshToken unused = tokens(rp).getOIDCTokens().getRefreshToken();

        clock.advance(Duration.ofMinutes(9));
        TokenResponse rotated = refresh(rp, first);
        assertThat(rotated.indicatesSuccess()).as(String.valueOf(rotated)).isTrue();
        RefreshToken second = ((OIDCTokenResponse) rotated.toSuccessResponse()).getOIDCTokens().getRefreshToken();
        clock.advance(Duration.ofMinutes(2));

        TokenResponse late = refresh(rp, unused);
        assertThat(late.indicatesSuccess()).as("ten minutes after it was issued").isFalse();
        assertThat(late.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
        TokenResponse again = refresh(rp, second);
        assertThat(again.indicatesSuccess()).as("the successor lives ten minutes from its rotation").isTrue();
        RefreshToken third = ((OIDCTokenResponse) again.toSuccessResponse()).getOIDCTokens().getRefreshToken();
        clock.advance(Duration.ofMinutes(11));
        TokenResponse expired = refresh(rp, third);
        assertThat(expired.indicatesSuccess()).as("a successor gets the client's lifetime too").isFalse();
        assertThat(expired.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
    }

    @Test
    void scopesTakenFromAClientLaterAreNoLongerIssuedOnItsRefreshesNorItsCodes() throws Exception {
        OidcRelyingParty rp = client(Set.of("openid", "email"), null, null);
        RefreshToken refresh = tokens(rp).getOIDCTokens().getRefreshToken();
        CodeVerifier verifier = new CodeVerifier();
        com.nimbusds.oauth2.sdk.AuthorizationCode code = rp.codeFrom(rp.authorize(browser, rp.request(
                new Scope("openid", "email"), new State(), null, verifier).build(), EMAIL, PASSWORD));

        api.core.manageClients().update(new ManageClientsUseCase.UpdateCommand(Caller.operator(),
                rp.clientId.getValue(), null, null, null, null, null, ClientAddress.unknown(), Set.of("openid"), null, null));

        OIDCTokenResponse refreshed = (OIDCTokenResponse) refresh(rp, refresh).toSuccessResponse();
        OIDCTokenResponse redeemed = (OIDCTokenResponse) rp.redeem(rp.basic(), code, verifier).toSuccessResponse();
        for (OIDCTokenResponse answer : List.of(refreshed, redeemed)) {
            String access = answer.getOIDCTokens().getAccessToken().getValue();
            assertThat(payload(access).path("scope").asText()).isEqualTo("openid");
            assertThat(payload(answer.getOIDCTokens().getIDTokenString()).has("email")).isFalse();
            RestFixture.Reply info = api.send("GET", "/oidc/userinfo", null, null,
                    java.util.Map.of("Authorization", "Bearer " + access));
            assertThat(info.status()).isEqualTo(200);
            assertThat(info.json().has("email")).as("userinfo by the narrowed scope").isFalse();
        }
    }
}
