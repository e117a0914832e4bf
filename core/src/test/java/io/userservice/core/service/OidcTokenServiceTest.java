package io.userservice.core.service;

import static io.userservice.core.service.OidcFixture.ADDRESS;
import static io.userservice.core.service.OidcFixture.REDIRECT;
import static io.userservice.core.service.OidcFixture.VERIFIER;
import static io.userservice.core.service.OidcFixture.claimsOf;
import static io.userservice.core.service.OidcFixture.secretOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.OAuthException;
import io.userservice.core.domain.OidcClient;
import io.userservice.core.domain.OidcGrant;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.SessionClient;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.AuthorizeUseCase;
import io.userservice.core.port.in.ChangePasswordUseCase;
import io.userservice.core.port.in.ClientCredentials;
import io.userservice.core.port.in.OidcTokenUseCase;
import io.userservice.core.port.in.OidcTokenUseCase.TokenResponse;
import io.userservice.core.port.in.UpdateNameUseCase;
import io.userservice.core.port.out.ServiceObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The token endpoint: a code is redeemed once, by its client, with its redirect URI and PKCE
 * verifier; a replay ends what the code gave; refreshes rotate within the grant's scopes; a
 * service token carries no user.
 */
class OidcTokenServiceTest {

    private final OidcFixture oidc = new OidcFixture();
    private final User ada = oidc.aConfirmedUser("ada@example.com");
    private final String browser = oidc.browserOf("ada@example.com");
    private final OidcClient app = oidc.confidentialClient("app");

    private static void assertOAuthError(ThrowingCallable call, String error, String description) {
        assertThatThrownBy(call).isInstanceOf(OAuthException.class).hasMessage(description)
                .hasFieldOrPropertyWithValue("code", error);
    }

    private TokenResponse token(String grantType, String clientId, String code, String redirectUri, String verifier,
                                String refreshToken, String scope) {
        return oidc.core.oidcToken().token(new OidcTokenUseCase.Command(grantType,
                new ClientCredentials(clientId, secretOf(clientId), ClientCredentials.Method.BASIC), code,
                redirectUri, verifier, refreshToken, scope, ADDRESS));
    }

    private String codeWithoutPkce(String clientId) {
        AuthorizeUseCase.Outcome outcome = oidc.authorize(OidcFixture.params("client_id", clientId, "redirect_uri",
                REDIRECT, "response_type", "code", "scope", "openid email"), browser);
        return OidcFixture.query(((AuthorizeUseCase.Redirect) outcome).location()).get("code");
    }

    private UUID grantOf(String accessToken) {
        return UUID.fromString((String) claimsOf(accessToken).get("grant_id"));
    }

    @Test
    void theGrantTypeMustBeKnownAndAllowedToTheClient() {
        oidc.client("codes-only", false, false, Set.of(OidcClient.AUTHORIZATION_CODE), OidcClient.SCOPES, null, null);

        assertOAuthError(() -> token(null, "app", null, null, null, null, null), "invalid_request",
                "grant_type is required.");
        assertOAuthError(() -> token("", "app", null, null, null, null, null), "invalid_request",
                "grant_type is required.");
        assertOAuthError(() -> token("password", "app", null, null, null, null, null), "unsupported_grant_type",
                "Supported: authorization_code, refresh_token, client_credentials.");
        assertOAuthError(() -> token("client_credentials", "app", null, null, null, null, null),
                "unauthorized_client", "This client may not use client_credentials.");
        assertOAuthError(() -> token("refresh_token", "codes-only", null, null, null, "x", null),
                "unauthorized_client", "This client may not use refresh_token.");
        assertOAuthError(() -> oidc.core.oidcToken().token(new OidcTokenUseCase.Command("authorization_code",
                new ClientCredentials("app", "wrong", ClientCredentials.Method.BASIC), "x", REDIRECT, null, null, null,
                ADDRESS)), "invalid_client", "Client authentication failed.");
    }

    @Test
    void aCodeIsRedeemedForTokensOfItsUserAndScopes() {
        String code = oidc.codeFor("app", browser, "openid email");
        oidc.clock.advance(Duration.ofSeconds(30));
        Instant now = oidc.clock.instant();

        TokenResponse tokens = oidc.redeem("app", code);

        assertThat(tokens.expiresIn()).isEqualTo(15 * 60);
        assertThat(tokens.scope()).isEqualTo("openid email");
        assertThat(tokens.refreshToken()).isNotNull();
        Map<String, Object> access = claimsOf(tokens.accessToken());
        assertThat(access).containsEntry("sub", Long.toString(ada.id())).containsEntry("client_id", "app")
                .containsEntry("scope", "openid email");
        assertThat(((Number) access.get("exp")).longValue()).isEqualTo(now.plus(Duration.ofMinutes(15)).getEpochSecond());
        OidcGrant grant = oidc.oidc.grants().find(grantOf(tokens.accessToken())).orElseThrow();
        assertThat(grant.clientId()).isEqualTo("app");
        assertThat(grant.userId()).isEqualTo(ada.id());
        assertThat(grant.scope()).isEqualTo("openid email");
        assertThat(grant.codeHash()).isEqualTo(Digests.sha256(code));
        assertThat(grant.isRevoked()).isFalse();
        Map<String, Object> id = claimsOf(tokens.idToken());
        assertThat(id).containsEntry("sub", Long.toString(ada.id())).containsEntry("aud", "app")
                .containsEntry("nonce", "n-0S6").doesNotContainKey("at_hash");
        assertThat(oidc.audited(AuditAction.OIDC_CODE_REDEEMED)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
            assertThat(e.subjectId()).isEqualTo(ada.id());
            assertThat(e.detail()).isEqualTo("client app");
        });
    }

    @Test
    void claimsChangedSinceTheCodeGetAFreshIdTokenBoundToTheAccessToken() {
        String code = oidc.codeFor("app", browser, "openid profile");
        oidc.core.updateName().updateName(new UpdateNameUseCase.Command(ada.id(), "Augusta", "King"));

        TokenResponse tokens = oidc.redeem("app", code);

        Map<String, Object> id = claimsOf(tokens.idToken());
        assertThat(id).containsEntry("given_name", "Augusta").containsEntry("nonce", "n-0S6")
                .containsEntry("at_hash", OidcClaims.atHash(tokens.accessToken()));
    }

    @Test
    void aClientWithoutRefreshGrantGetsNoRefreshTokenAndItsOwnLifetime() {
        oidc.client("brief", false, false, Set.of(OidcClient.AUTHORIZATION_CODE), OidcClient.SCOPES,
                Duration.ofMinutes(2), null);

        TokenResponse tokens = oidc.redeem("brief", oidc.codeFor("brief", browser, "openid"));

        assertThat(tokens.refreshToken()).isNull();
        assertThat(tokens.expiresIn()).isEqualTo(120);
        assertThat(oidc.oidc.grants().find(grantOf(tokens.accessToken()))).isPresent();
    }

    @Test
    void aCodeMustBePresentShortAndIssued() {
        assertOAuthError(() -> token("authorization_code", "app", null, REDIRECT, VERIFIER, null, null),
                "invalid_request", "code is required.");
        assertOAuthError(() -> token("authorization_code", "app", "", REDIRECT, VERIFIER, null, null),
                "invalid_request", "code is required.");
        assertOAuthError(() -> token("authorization_code", "app", "c".repeat(513), REDIRECT, VERIFIER, null, null),
                "invalid_request", "code is required.");
        assertOAuthError(() -> token("authorization_code", "app", "c".repeat(512), REDIRECT, VERIFIER, null, null),
                "invalid_grant", "The code is not valid.");
    }

    @Test
    void aReplayedCodeEndsTheGrantItGave() {
        oidc.listenToWebhooks();
        String code = oidc.codeFor("app", browser, "openid offline_access");
        TokenResponse first = oidc.redeem("app", code);
        oidc.webhookEvents();

        assertOAuthError(() -> oidc.redeem("app", code), "invalid_grant", "The code has already been used.");

        assertThat(oidc.webhookEvents()).containsExactly("refresh_token.reuse_detected", "session.revoked");

        assertThat(oidc.oidc.grants().find(grantOf(first.accessToken())).orElseThrow().isRevoked()).isTrue();
        assertOAuthError(() -> oidc.refresh("app", first.refreshToken(), null), "invalid_grant",
                "The refresh token is not valid.");
        assertThat(oidc.audited(AuditAction.OIDC_CODE_REPLAY)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED.storedForm());
            assertThat(e.subjectId()).isEqualTo(ada.id());
            assertThat(e.detail()).isEqualTo("client app: revoked 1 grant(s), 1 refresh token(s)");
        });

        assertOAuthError(() -> oidc.redeem("app", code), "invalid_grant", "The code has already been used.");
        assertThat(oidc.audited(AuditAction.OIDC_CODE_REPLAY).get(0).detail())
                .isEqualTo("client app: revoked 1 grant(s), 0 refresh token(s)");
        assertThat(oidc.webhookEvents()).isEmpty();
    }

    @Test
    void aCodeIsConsumedEvenByAFailedRedemption() {
        String code = oidc.codeFor("app", browser, "openid");

        assertOAuthError(() -> token("authorization_code", "app", code, REDIRECT, "x".repeat(43), null, null),
                "invalid_grant", "code_verifier does not match the code_challenge.");
        assertOAuthError(() -> oidc.redeem("app", code), "invalid_grant", "The code has already been used.");
        assertThat(oidc.audited(AuditAction.OIDC_CODE_REPLAY)).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("client app: revoked 0 grant(s), 0 refresh token(s)"));
    }

    @Test
    void anotherClientCannotRedeemTheCode() {
        oidc.confidentialClient("other");
        String code = oidc.codeFor("app", browser, "openid");

        assertOAuthError(() -> oidc.redeem("other", code), "invalid_grant", "The code was not issued to this client.");
        assertThat(oidc.audited(AuditAction.OIDC_CODE_REDEEMED)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED.storedForm());
            assertThat(e.subjectId()).isEqualTo(ada.id());
            assertThat(e.detail()).isEqualTo("code of another client presented by other");
            assertThat(e.clientAddress()).isEqualTo("192.0.2.7");
        });
    }

    @Test
    void aCodeExpiresAfterAMinute() {
        String code = oidc.codeFor("app", browser, "openid");
        String late = oidc.codeFor("app", browser, "openid");
        oidc.clock.advance(Duration.ofSeconds(59));
        assertThat(oidc.redeem("app", code).accessToken()).isNotNull();
        oidc.clock.advance(Duration.ofSeconds(1));

        assertOAuthError(() -> oidc.redeem("app", late), "invalid_grant", "The code has expired.");
    }

    @Test
    void theRedirectUriMustBeRepeated() {
        String code = oidc.codeFor("app", browser, "openid");

        assertOAuthError(() -> token("authorization_code", "app", code, REDIRECT + "?tenant=7", VERIFIER, null, null),
                "invalid_grant", "redirect_uri does not match the authorization request.");
        assertThat(oidc.audited(AuditAction.OIDC_CODE_REDEEMED)).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("redirect_uri mismatch"));
    }

    @Test
    void theVerifierMustMatchTheChallengeAndComeOnlyWithOne() {
        String noVerifier = oidc.codeFor("app", browser, "openid");
        String shortVerifier = oidc.codeFor("app", browser, "openid");
        String longVerifier = oidc.codeFor("app", browser, "openid");
        String withoutPkce = codeWithoutPkce("app");
        String plain = codeWithoutPkce("app");

        assertOAuthError(() -> token("authorization_code", "app", noVerifier, REDIRECT, null, null, null),
                "invalid_grant", "code_verifier is missing or malformed.");
        assertOAuthError(() -> token("authorization_code", "app", shortVerifier, REDIRECT, VERIFIER.substring(2), null,
                null), "invalid_grant", "code_verifier is missing or malformed.");
        assertOAuthError(() -> token("authorization_code", "app", longVerifier, REDIRECT, "a".repeat(129), null,
                null), "invalid_grant", "code_verifier is missing or malformed.");
        assertOAuthError(() -> token("authorization_code", "app", withoutPkce, REDIRECT, VERIFIER, null, null),
                "invalid_grant", "code_verifier sent for a code issued without PKCE.");
        assertThat(token("authorization_code", "app", plain, REDIRECT, null, null, null).accessToken()).isNotNull();
    }

    @Test
    void aCodeOfAUserWhoseCredentialsChangedIsRefused() {
        String code = oidc.codeFor("app", browser, "openid");
        oidc.clock.advance(Duration.ofSeconds(1));
        oidc.core.changePassword().change(new ChangePasswordUseCase.Command(Caller.user(ada.id()),
                CoreFixture.PASSWORD, "a brand new passphrase", new SessionClient(null, null)));

        assertOAuthError(() -> oidc.redeem("app", code), "invalid_grant", "The user's session has ended.");
    }

    @Test
    void scopesTakenFromTheClientAreNotGiven() {
        String code = oidc.codeFor("app", browser, "openid email profile");
        String refresh = oidc.redeem("app", oidc.codeFor("app", browser, "openid email profile")).refreshToken();
        OidcClient narrowed = new OidcClient("app", app.secretDigest(), app.name(), app.redirectUris(), app.postLogoutRedirectUris(),
                app.grantTypes(), Set.of("openid", "profile"), false, false, null, null, app.createdAt());
        oidc.oidc.clients().update(narrowed);

        TokenResponse redeemed = oidc.redeem("app", code);
        TokenResponse refreshed = oidc.refresh("app", refresh, null);

        assertThat(redeemed.scope()).isEqualTo("openid profile");
        assertThat(claimsOf(redeemed.idToken())).doesNotContainKey("email").containsEntry("given_name", "Ada");
        assertThat(refreshed.scope()).isEqualTo("openid profile");
        assertThat(claimsOf(refreshed.accessToken())).containsEntry("scope", "openid profile");
    }

    @Test
    void aRefreshRotatesTheTokenAndKeepsOrNarrowsTheScope() {
        TokenResponse first = oidc.redeem("app", oidc.codeFor("app", browser, "openid email"));
        oidc.clock.advance(Duration.ofMinutes(1));
        Instant now = oidc.clock.instant();

        TokenResponse second = oidc.refresh("app", first.refreshToken(), "");
        TokenResponse narrowed = oidc.refresh("app", second.refreshToken(), "email");

        assertThat(second.refreshToken()).isNotNull().isNotEqualTo(first.refreshToken());
        assertThat(second.scope()).isEqualTo("openid email");
        assertThat(second.expiresIn()).isEqualTo(15 * 60);
        assertThat(grantOf(second.accessToken())).isEqualTo(grantOf(first.accessToken()));
        assertThat(((Number) claimsOf(second.accessToken()).get("exp")).longValue())
                .isEqualTo(now.plus(Duration.ofMinutes(15)).getEpochSecond());
        Map<String, Object> id = claimsOf(second.idToken());
        assertThat(id).containsEntry("aud", "app").containsEntry("email", "ada@example.com")
                .containsEntry("at_hash", OidcClaims.atHash(second.accessToken())).doesNotContainKey("nonce");
        assertThat(narrowed.scope()).isEqualTo("email");
        assertThat(narrowed.idToken()).isNull();
        assertOAuthError(() -> oidc.refresh("app", narrowed.refreshToken(), "email profile"), "invalid_scope",
                "A refresh cannot widen the scope.");
    }

    @Test
    void aRefreshTokenWorksOnlyForItsClientAndItsLiveGrant() {
        oidc.confidentialClient("other");
        TokenResponse tokens = oidc.redeem("app", oidc.codeFor("app", browser, "openid"));

        assertOAuthError(() -> oidc.refresh("other", tokens.refreshToken(), null), "invalid_grant",
                "The refresh token is not valid.");
        assertOAuthError(() -> oidc.refresh("app", "not-a-refresh-token", null), "invalid_grant",
                "The refresh token is not valid.");
        String nativeRefresh = oidc.core.logIn().logIn(new io.userservice.core.port.in.LogInUseCase.Command(
                "ada@example.com", CoreFixture.PASSWORD, ClientAddress.unknown())).tokens().refreshToken();
        assertOAuthError(() -> oidc.refresh("app", nativeRefresh, null), "invalid_grant",
                "The refresh token is not valid.");
        oidc.oidc.grants().revoke(grantOf(tokens.accessToken()), oidc.clock.instant());
        assertOAuthError(() -> oidc.refresh("app", tokens.refreshToken(), null), "invalid_grant",
                "The refresh token is not valid.");
    }

    @Test
    void aReusedRefreshTokenRevokesTheGrant() {
        TokenResponse tokens = oidc.redeem("app", oidc.codeFor("app", browser, "openid"));
        TokenResponse next = oidc.refresh("app", tokens.refreshToken(), null);
        oidc.clock.advance(Duration.ofMinutes(1));

        assertOAuthError(() -> oidc.refresh("app", tokens.refreshToken(), null), "invalid_grant",
                "The refresh token is not valid.");

        assertThat(oidc.oidc.grants().find(grantOf(tokens.accessToken())).orElseThrow().revokedAt())
                .isEqualTo(oidc.clock.instant());
        assertOAuthError(() -> oidc.refresh("app", next.refreshToken(), null), "invalid_grant",
                "The refresh token is not valid.");
    }

    @Test
    void aClientsOwnRefreshLifetimeEndsItsRefreshTokens() {
        oidc.client("hourly", false, false, Set.of(OidcClient.AUTHORIZATION_CODE, OidcClient.REFRESH_TOKEN),
                OidcClient.SCOPES, Duration.ofMinutes(5), Duration.ofHours(1));
        TokenResponse tokens = oidc.redeem("hourly", oidc.codeFor("hourly", browser, "openid"));
        oidc.clock.advance(Duration.ofMinutes(59));
        TokenResponse renewed = oidc.refresh("hourly", tokens.refreshToken(), null);
        assertThat(renewed.expiresIn()).isEqualTo(300);
        oidc.clock.advance(Duration.ofMinutes(59));
        TokenResponse again = oidc.refresh("hourly", renewed.refreshToken(), null);
        oidc.clock.advance(Duration.ofHours(1));

        assertOAuthError(() -> oidc.refresh("hourly", again.refreshToken(), null), "invalid_grant",
                "The refresh token is not valid.");
    }

    @Test
    void aServiceTokenNamesTheClientAndNoUser() {
        oidc.client("batch", false, false, Set.of(OidcClient.CLIENT_CREDENTIALS), OidcClient.SCOPES,
                Duration.ofMinutes(3), null);
        oidc.client("daemon", false, false, Set.of(OidcClient.CLIENT_CREDENTIALS), OidcClient.SCOPES, null, null);
        Instant now = oidc.clock.instant();

        TokenResponse batch = token("client_credentials", "batch", null, null, null, null, null);
        TokenResponse daemon = token("client_credentials", "daemon", null, null, null, null, "");

        assertThat(batch.expiresIn()).isEqualTo(180);
        assertThat(batch.refreshToken()).isNull();
        assertThat(batch.idToken()).isNull();
        assertThat(batch.scope()).isNull();
        Map<String, Object> claims = claimsOf(batch.accessToken());
        assertThat(claims).containsEntry("sub", "batch").containsEntry("client_id", "batch").doesNotContainKey("scope");
        assertThat(((Number) claims.get("exp")).longValue()).isEqualTo(now.plus(Duration.ofMinutes(3)).getEpochSecond());
        assertThat(((Number) claims.get("iat")).longValue()).isEqualTo(now.getEpochSecond());
        assertThat(daemon.expiresIn()).isEqualTo(15 * 60);
        for (String scope : new String[] {"openid", "offline_access", "profile", "email"}) {
            assertOAuthError(() -> token("client_credentials", "batch", null, null, null, null, scope), "invalid_scope",
                    "A service token carries no user scopes.");
        }
        assertOAuthError(() -> token("client_credentials", "batch", null, null, null, null, "api"), "invalid_scope",
                "This client may ask for no scope with client_credentials.");
    }

    @Test
    void theObserverCountsIssuedRefreshTokensAndEachRefreshsOutcome() {
        oidc.client("brief", false, false, Set.of(OidcClient.AUTHORIZATION_CODE), OidcClient.SCOPES, null, null);
        oidc.redeem("brief", oidc.codeFor("brief", browser, "openid"));
        assertThat(oidc.observed).isEmpty();

        TokenResponse tokens = oidc.redeem("app", oidc.codeFor("app", browser, "openid"));
        TokenResponse next = oidc.refresh("app", tokens.refreshToken(), null);
        TokenResponse again = oidc.refresh("app", tokens.refreshToken(), null);
        assertThat(again.refreshToken()).isEqualTo(next.refreshToken());
        assertThatThrownBy(() -> oidc.refresh("app", "not-a-refresh-token", null)).isInstanceOf(OAuthException.class);
        oidc.clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> oidc.refresh("app", tokens.refreshToken(), null)).isInstanceOf(OAuthException.class);

        assertThat(oidc.observed).containsExactly(ServiceObserver.TokenKind.REFRESH,
                ServiceObserver.TokenKind.REFRESH, ServiceObserver.RefreshOutcome.SUCCESS,
                ServiceObserver.RefreshOutcome.SUCCESS, ServiceObserver.RefreshOutcome.INVALID,
                ServiceObserver.RefreshOutcome.REUSE_DETECTED);
    }
}
