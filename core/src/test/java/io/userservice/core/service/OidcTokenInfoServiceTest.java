package io.userservice.core.service;

import static io.userservice.core.service.OidcFixture.ADDRESS;
import static io.userservice.core.service.OidcFixture.claimsOf;
import static io.userservice.core.service.OidcFixture.secretOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.OAuthException;
import io.userservice.core.domain.OidcClient;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.SessionClient;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ChangePasswordUseCase;
import io.userservice.core.port.in.ClientCredentials;
import io.userservice.core.port.in.DeactivateUserUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.OidcTokenUseCase;
import io.userservice.core.port.in.OidcTokenUseCase.TokenResponse;
import io.userservice.core.settings.CoreSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Userinfo, introspection and revocation: a client learns about and revokes only its own tokens,
 * anything else is inactive or left alone, and a token that stopped working is inactive.
 */
class OidcTokenInfoServiceTest {

    private static final Map<String, Object> INACTIVE = Map.of("active", false);

    private final OidcFixture oidc = new OidcFixture();
    private final User ada = oidc.aConfirmedUser("ada@example.com");
    private final String browser = oidc.browserOf("ada@example.com");

    OidcTokenInfoServiceTest() {
        oidc.confidentialClient("app");
        oidc.confidentialClient("other");
    }

    private TokenResponse tokens(String scope) {
        return oidc.redeem("app", oidc.codeFor("app", browser, scope));
    }

    private static ClientCredentials credentialsOf(String clientId) {
        return new ClientCredentials(clientId, secretOf(clientId), ClientCredentials.Method.BASIC);
    }

    private Map<String, Object> introspect(String clientId, String token) {
        return oidc.core.oidcTokenInfo().introspect(credentialsOf(clientId), token, null, ADDRESS);
    }

    private void revoke(String clientId, String token) {
        oidc.core.oidcTokenInfo().revoke(credentialsOf(clientId), token, null, ADDRESS);
    }

    private boolean grantRevoked(TokenResponse tokens) {
        return oidc.oidc.grants().find(UUID.fromString((String) claimsOf(tokens.accessToken()).get("grant_id")))
                .orElseThrow().isRevoked();
    }

    @Test
    void userinfoTellsTheClaimsOfTheTokensScopes() {
        Map<String, Object> all = oidc.core.oidcTokenInfo().userInfo(tokens("openid email profile").accessToken());
        Map<String, Object> bare = oidc.core.oidcTokenInfo().userInfo(tokens("openid").accessToken());

        assertThat(all).containsEntry("sub", Long.toString(ada.id())).containsEntry("email", "ada@example.com")
                .containsEntry("email_verified", true).containsEntry("given_name", "Ada")
                .containsEntry("family_name", "Lovelace");
        assertThat(bare).containsOnlyKeys("sub");
    }

    @Test
    void userinfoNeedsAClientsTokenWithScopeOpenid() {
        String emailOnly = oidc.refresh("app", tokens("openid email").refreshToken(), "email").accessToken();
        String nativeToken = oidc.core.logIn().logIn(new LogInUseCase.Command("ada@example.com", CoreFixture.PASSWORD,
                ClientAddress.unknown())).tokens().accessToken();

        for (String token : new String[] {emailOnly, nativeToken}) {
            assertThatThrownBy(() -> oidc.core.oidcTokenInfo().userInfo(token))
                    .isInstanceOf(InvalidTokenException.class)
                    .hasMessage("The access token was not issued for userinfo (scope openid).");
        }
        assertThatThrownBy(() -> oidc.core.oidcTokenInfo().userInfo("not-a-token"))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aClientLearnsTheClaimsOfItsOwnAccessToken() {
        Instant now = oidc.clock.instant();
        TokenResponse tokens = tokens("openid email");

        Map<String, Object> answer = introspect("app", tokens.accessToken());

        assertThat(answer).containsEntry("active", true).containsEntry("client_id", "app")
                .containsEntry("scope", "openid email").containsEntry("sub", Long.toString(ada.id()))
                .containsEntry("iss", oidc.core.issuer()).containsEntry("token_type", "access_token")
                .containsEntry("exp", now.plus(Duration.ofMinutes(15)).getEpochSecond())
                .containsEntry("iat", now.getEpochSecond())
                .containsEntry("jti", claimsOf(tokens.accessToken()).get("jti"));
        assertThat(answer.get("jti")).isNotNull();
        assertThat(introspect("other", tokens.accessToken())).isEqualTo(INACTIVE);
    }

    @Test
    void aClientLearnsOfItsOwnLiveRefreshToken() {
        Instant now = oidc.clock.instant();
        TokenResponse tokens = tokens("openid offline_access");

        Map<String, Object> answer = introspect("app", tokens.refreshToken());

        assertThat(answer).containsEntry("active", true).containsEntry("client_id", "app")
                .containsEntry("scope", "openid offline_access").containsEntry("sub", Long.toString(ada.id()))
                .containsEntry("token_type", "refresh_token")
                .containsEntry("exp", now.plus(Duration.ofDays(30)).getEpochSecond())
                .containsEntry("iat", now.getEpochSecond()).doesNotContainKey("jti");
        assertThat(introspect("other", tokens.refreshToken())).isEqualTo(INACTIVE);
    }

    @Test
    void aRefreshTokenThatStoppedWorkingIsInactive() {
        TokenResponse rotated = tokens("openid");
        oidc.refresh("app", rotated.refreshToken(), null);
        TokenResponse revoked = tokens("openid");
        oidc.oidc.grants().revoke(UUID.fromString((String) claimsOf(revoked.accessToken()).get("grant_id")),
                oidc.clock.instant());

        assertThat(introspect("app", rotated.refreshToken())).isEqualTo(INACTIVE);
        assertThat(introspect("app", revoked.refreshToken())).isEqualTo(INACTIVE);
    }

    @Test
    void aRefreshTokenIsInactiveFromTheMomentItExpires() {
        oidc.client("hourly", false, false, Set.of(OidcClient.AUTHORIZATION_CODE, OidcClient.REFRESH_TOKEN),
                OidcClient.SCOPES, null, Duration.ofHours(1));
        TokenResponse tokens = oidc.redeem("hourly", oidc.codeFor("hourly", browser, "openid"));
        oidc.clock.advance(Duration.ofHours(1).minusMillis(1));
        assertThat(introspect("hourly", tokens.refreshToken())).containsEntry("active", true);
        oidc.clock.advance(Duration.ofMillis(1));

        assertThat(introspect("hourly", tokens.refreshToken())).isEqualTo(INACTIVE);
    }

    @Test
    void aRefreshTokenIsInactiveOnceItsSessionIsOverByTheCurrentSettings() {
        TokenResponse tokens = tokens("openid");
        oidc.clock.advance(Duration.ofDays(1));
        var shorterSessions = oidc.instanceWith(CoreSettings.defaults().withSessionMaxLifetime(Duration.ofDays(1)));
        var longerSessions = oidc.instanceWith(CoreSettings.defaults().withSessionMaxLifetime(Duration.ofDays(60)));

        assertThat(shorterSessions.oidcTokenInfo().introspect(credentialsOf("app"), tokens.refreshToken(), null,
                ADDRESS)).isEqualTo(INACTIVE);
        assertThat(longerSessions.oidcTokenInfo().introspect(credentialsOf("app"), tokens.refreshToken(), null,
                ADDRESS)).containsEntry("active", true);
    }

    @Test
    void tokensOfAUserWhoseCredentialsChangedAreInactive() {
        TokenResponse tokens = tokens("openid");
        oidc.clock.advance(Duration.ofSeconds(1));
        oidc.core.changePassword().change(new ChangePasswordUseCase.Command(Caller.user(ada.id()),
                CoreFixture.PASSWORD, "a brand new passphrase", new SessionClient(null, null)));

        assertThat(introspect("app", tokens.refreshToken())).isEqualTo(INACTIVE);
        assertThat(introspect("app", tokens.accessToken())).isEqualTo(INACTIVE);
    }

    @Test
    void tokensOfADeactivatedUserAreInactive() {
        TokenResponse tokens = tokens("openid");
        oidc.core.deactivateUser().setActive(new DeactivateUserUseCase.Command(Caller.operator(), ada.id(), false,
                ClientAddress.unknown()));

        assertThat(introspect("app", tokens.accessToken())).isEqualTo(INACTIVE);
        assertThat(introspect("app", tokens.refreshToken())).isEqualTo(INACTIVE);
    }

    @Test
    void aServiceTokenIsActiveForItsOwnClientOnly() {
        oidc.client("batch", false, false, Set.of(OidcClient.CLIENT_CREDENTIALS), OidcClient.SCOPES, null, null);
        oidc.client("cron", false, false, Set.of(OidcClient.CLIENT_CREDENTIALS), OidcClient.SCOPES, null, null);
        Instant now = oidc.clock.instant();
        String token = oidc.core.oidcToken().token(new OidcTokenUseCase.Command("client_credentials",
                credentialsOf("batch"), null, null, null, null, null, ADDRESS)).accessToken();

        Map<String, Object> answer = introspect("batch", token);

        assertThat(answer).containsEntry("active", true).containsEntry("client_id", "batch")
                .containsEntry("sub", "batch").containsEntry("token_type", "access_token")
                .containsEntry("exp", now.plus(Duration.ofMinutes(15)).getEpochSecond())
                .containsEntry("iat", now.getEpochSecond()).containsEntry("jti", claimsOf(token).get("jti"))
                .doesNotContainKey("scope");
        assertThat(introspect("cron", token)).isEqualTo(INACTIVE);
    }

    @Test
    void nothingOrSomethingTooLongIsInactiveAndAWrongSecretIsRefused() {
        assertThat(introspect("app", null)).isEqualTo(INACTIVE);
        assertThat(introspect("app", "")).isEqualTo(INACTIVE);
        assertThat(introspect("app", "x".repeat(8193))).isEqualTo(INACTIVE);
        assertThat(introspect("app", "x".repeat(600))).isEqualTo(INACTIVE);
        assertThatThrownBy(() -> oidc.core.oidcTokenInfo().introspect(
                new ClientCredentials("app", "wrong", ClientCredentials.Method.BASIC), "x", null, ADDRESS))
                .isInstanceOf(OAuthException.class).hasMessage("Client authentication failed.");
        assertThatThrownBy(() -> oidc.core.oidcTokenInfo().revoke(
                new ClientCredentials("app", "wrong", ClientCredentials.Method.BASIC), "x", null, ADDRESS))
                .isInstanceOf(OAuthException.class).hasMessage("Client authentication failed.");
    }

    @Test
    void revokingARefreshTokenEndsItsGrantAndFamily() {
        oidc.listenToWebhooks();
        TokenResponse tokens = tokens("openid");
        oidc.webhookEvents();

        revoke("app", tokens.refreshToken());

        assertThat(grantRevoked(tokens)).isTrue();
        assertThat(introspect("app", tokens.accessToken())).isEqualTo(INACTIVE);
        assertThatThrownBy(() -> oidc.refresh("app", tokens.refreshToken(), null)).isInstanceOf(OAuthException.class);
        assertThat(oidc.webhookEvents()).containsExactly("session.revoked");
        assertThat(oidc.audited(AuditAction.OIDC_REVOCATION)).singleElement().satisfies(e -> {
            assertThat(e.subjectId()).isEqualTo(ada.id());
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
            assertThat(e.clientAddress()).isEqualTo("192.0.2.7");
            assertThat(e.detail()).isEqualTo("client app: revoked a grant and 1 refresh token(s)");
        });

        revoke("app", tokens.refreshToken());
        assertThat(oidc.webhookEvents()).isEmpty();
        assertThat(oidc.audited(AuditAction.OIDC_REVOCATION).get(0).detail())
                .isEqualTo("client app: revoked a grant and 0 refresh token(s)");
    }

    @Test
    void revokingAnAccessTokenEndsItsGrant() {
        TokenResponse tokens = tokens("openid");

        revoke("app", tokens.accessToken());

        assertThat(grantRevoked(tokens)).isTrue();
        assertThat(introspect("app", tokens.refreshToken())).isEqualTo(INACTIVE);
    }

    @Test
    void aGrantWithoutRefreshTokensIsRevokedByItsAccessToken() {
        oidc.listenToWebhooks();
        oidc.client("brief", false, false, Set.of(OidcClient.AUTHORIZATION_CODE), OidcClient.SCOPES, null, null);
        TokenResponse tokens = oidc.redeem("brief", oidc.codeFor("brief", browser, "openid"));
        oidc.webhookEvents();

        revoke("brief", tokens.accessToken());

        assertThat(grantRevoked(tokens)).isTrue();
        assertThat(oidc.webhookEvents()).containsExactly("session.revoked");
    }

    @Test
    void anotherClientsOrNoTokenIsLeftAlone() {
        TokenResponse tokens = tokens("openid");
        String nativeToken = oidc.core.logIn().logIn(new LogInUseCase.Command("ada@example.com", CoreFixture.PASSWORD,
                ClientAddress.unknown())).tokens().accessToken();

        revoke("other", tokens.refreshToken());
        revoke("other", tokens.accessToken());
        revoke("app", nativeToken);
        revoke("app", null);
        revoke("app", "");
        revoke("app", "x".repeat(8193));
        revoke("app", "x".repeat(600));

        assertThat(grantRevoked(tokens)).isFalse();
        assertThat(oidc.audited(AuditAction.OIDC_REVOCATION)).isEmpty();
        assertThat(oidc.refresh("app", tokens.refreshToken(), null).accessToken()).isNotNull();
    }

    @Test
    void aRefreshTokenOfAUserSignedOutEverywhereIsInactive() {
        TokenResponse tokens = tokens("openid");
        oidc.clock.advance(Duration.ofSeconds(1));
        oidc.core.updateUser().update(new io.userservice.core.port.in.UpdateUserUseCase.Command(Caller.operator(),
                ada.id(), new io.userservice.core.port.in.UpdateUserUseCase.Patch(null, false, null, false, null, null,
                "ada@new.example.com"), ClientAddress.unknown()));

        assertThat(introspect("app", tokens.refreshToken())).isEqualTo(INACTIVE);
    }
}
