package io.userservice.core.service;

import io.userservice.core.domain.Actor;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuthorizationCode;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidRefreshTokenException;
import io.userservice.core.domain.OAuthException;
import io.userservice.core.domain.OidcClient;
import io.userservice.core.domain.OidcGrant;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.RefreshToken;
import io.userservice.core.domain.User;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.KeyEncryptionException;
import io.userservice.core.port.in.OidcTokenUseCase;
import io.userservice.core.port.out.AccessTokenIssuer;
import io.userservice.core.port.out.AuthorizationCodePort;
import io.userservice.core.port.out.OidcGrantPort;
import io.userservice.core.port.out.OidcTokens;
import io.userservice.core.port.out.OutboxCodeSealer;
import io.userservice.core.port.out.RefreshTokenPort;
import io.userservice.core.port.out.SecretGenerator;
import io.userservice.core.port.out.ServiceObserver.RefreshOutcome;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.port.out.Transactions;
import io.userservice.core.settings.CoreSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The token endpoint's grants. A code is consumed by its first redemption attempt, whatever comes
 * of it; a second attempt revokes every grant issued from the code. The order of a redemption
 * (consume, record the grant, look for a replay, then sign) and of a replay (mark the code
 * replayed, then revoke the grants it issued) makes a replay racing a redemption on another
 * instance end the redemption's grant either way.
 */
final class OidcTokenService implements OidcTokenUseCase {

    private static final Pattern CODE_VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private final ClientAuthentication clientAuthentication;
    private final AuthorizationCodePort codes;
    private final OidcGrantPort grants;
    private final RefreshTokenPort refreshTokens;
    private final RefreshRotation rotation;
    private final Users users;
    private final AccessTokenIssuer accessTokens;
    private final OidcTokens oidcTokens;
    private final OidcClaims claims;
    private final SecretGenerator secrets;
    private final Clock clock;
    private final CoreSettings settings;
    private final AuditTrail audit;
    private final ServiceObserver observer;
    private final Transactions transactions;
    private final WebhookEvents events;
    private final OutboxCodeSealer sealer;

    OidcTokenService(ClientAuthentication clientAuthentication, AuthorizationCodePort codes, OidcGrantPort grants,
                     RefreshTokenPort refreshTokens, RefreshRotation rotation, Users users,
                     AccessTokenIssuer accessTokens, OidcTokens oidcTokens, SecretGenerator secrets, Clock clock,
                     CoreSettings settings, AuditTrail audit, ServiceObserver observer, Transactions transactions,
                     WebhookEvents events, OutboxCodeSealer sealer) {
        this.sealer = sealer;
        this.observer = observer;
        this.transactions = transactions;
        this.events = events;
        this.clientAuthentication = clientAuthentication;
        this.codes = codes;
        this.grants = grants;
        this.refreshTokens = refreshTokens;
        this.rotation = rotation;
        this.users = users;
        this.accessTokens = accessTokens;
        this.oidcTokens = oidcTokens;
        this.claims = new OidcClaims(oidcTokens);
        this.secrets = secrets;
        this.clock = clock;
        this.settings = settings;
        this.audit = audit;
    }

    @Override
    public TokenResponse token(Command command) {
        String grantType = command.grantType();
        if (grantType == null || grantType.isEmpty()) {
            throw OAuthException.invalidRequest("grant_type is required.");
        }
        if (!OidcClient.GRANT_TYPES.contains(grantType)) {
            throw new OAuthException("unsupported_grant_type", "Supported: authorization_code, refresh_token,"
                    + " client_credentials.");
        }
        OidcClient client = clientAuthentication.authenticate(command.client(), command.clientAddress());
        if (!client.allowsGrant(grantType)) {
            throw new OAuthException("unauthorized_client", "This client may not use " + grantType + ".");
        }
        return switch (grantType) {
            case OidcClient.AUTHORIZATION_CODE -> redeem(client, command);
            case OidcClient.REFRESH_TOKEN -> refresh(client, command);
            default -> clientCredentials(client, command);
        };
    }

    private TokenResponse redeem(OidcClient client, Command command) {
        if (command.code() == null || command.code().isEmpty() || command.code().length() > 512) {
            throw OAuthException.invalidRequest("code is required.");
        }
        Instant now = clock.instant();
        String codeHash = Digests.sha256(command.code());
        AuthorizationCodePort.Redemption redemption = codes.consume(codeHash, now)
                .orElseThrow(() -> OAuthException.invalidGrant("The code is not valid."));
        AuthorizationCode code = redemption.code();
        if (!redemption.firstUse()) {
            revokeIssuedFrom(code, now, command.clientAddress());
            throw OAuthException.invalidGrant("The code has already been used.");
        }
        if (!code.clientId().equals(client.clientId())) {
            denied(code, command, "code of another client presented by " + client.clientId());
            throw OAuthException.invalidGrant("The code was not issued to this client.");
        }
        if (code.isExpiredAt(now)) {
            throw OAuthException.invalidGrant("The code has expired.");
        }
        if (!code.redirectUri().equals(command.redirectUri())) {
            denied(code, command, "redirect_uri mismatch");
            throw OAuthException.invalidGrant("redirect_uri does not match the authorization request.");
        }
        checkPkce(code, command.codeVerifier());
        User user = users.byId(code.userId()).filter(u -> u.accepts(code.issuedAt(), code.epoch()))
                .orElseThrow(() -> OAuthException.invalidGrant("The user's session has ended."));
        // a scope taken from the client since the code was issued is not given
        String scope = OidcScopes.within(code.scope(), client.scopes());
        Set<String> scopes = OidcScopes.parse(scope);
        Duration accessTtl = client.accessTokenTtl() != null ? client.accessTokenTtl() : settings.accessTokenTtl();
        boolean withRefresh = client.allowsGrant(OidcClient.REFRESH_TOKEN);
        String refreshToken = withRefresh ? secrets.newSecret() : null;
        RefreshToken family = withRefresh ? RefreshToken.startingSession(Digests.sha256(refreshToken), user, now,
                client.refreshTokenTtl() != null ? client.refreshTokenTtl() : settings.refreshTokenTtl(),
                settings.sessionMaxLifetime()) : null;
        UUID grantId = withRefresh ? family.familyId() : UUID.randomUUID();
        OidcGrant grant = new OidcGrant(grantId, client.clientId(), user.id(), scope, codeHash, now, null);
        // the grant and its family commit together, before the replay check below reads
        transactions.run(() -> {
            grants.save(grant);
            if (family != null) {
                refreshTokens.save(family);
            }
        });
        if (withRefresh) {
            observer.tokenIssued(ServiceObserver.TokenKind.REFRESH);
        }
        if (codes.wasReplayed(codeHash)) {
            revokeIssuedFrom(code, now, command.clientAddress());
            throw OAuthException.invalidGrant("The code has already been used.");
        }
        Instant expiresAt = now.plus(accessTtl);
        String accessToken = accessTokens.issueForClient(user, client.clientId(), scope, grantId.toString(), now,
                expiresAt);
        // the ID token signed with the code, unless what it says of the user no longer holds
        String idToken = keptIdToken(code, OidcClaims.fingerprint(user, scopes))
                .orElseGet(() -> claims.idToken(user, client.clientId(), scopes, code.nonce(), code.authTime(),
                        code.amr(), code.sessionId(), accessToken, now, expiresAt));
        audit.self(AuditAction.OIDC_CODE_REDEEMED, user.id(), command.clientAddress(), Outcome.SUCCESS,
                "client " + client.clientId());
        return new TokenResponse(accessToken, accessTtl.toSeconds(), refreshToken, idToken, scope);
    }

    /**
     * The ID token the code was issued with, if it carries these claims of the user and opens
     * (a key-encryption key changed since cannot open it: a fresh one is signed then).
     */
    private Optional<String> keptIdToken(AuthorizationCode code, String fingerprint) {
        if (code.idToken() == null || !code.idTokenClaims().equals(fingerprint)) {
            return Optional.empty();
        }
        try {
            return Optional.of(sealer.openCode(AuthorizeService.idTokenSealingKey(code.codeHash()), code.idToken()));
        } catch (KeyEncryptionException e) {
            return Optional.empty();
        }
    }

    private void checkPkce(AuthorizationCode code, String verifier) {
        if (code.codeChallenge() == null) {
            if (verifier != null) {
                throw OAuthException.invalidGrant("code_verifier sent for a code issued without PKCE.");
            }
            return;
        }
        if (verifier == null || !CODE_VERIFIER.matcher(verifier).matches()) {
            throw OAuthException.invalidGrant("code_verifier is missing or malformed.");
        }
        if (!MessageDigest.isEqual(OidcClaims.s256(verifier).getBytes(StandardCharsets.US_ASCII),
                code.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
            throw OAuthException.invalidGrant("code_verifier does not match the code_challenge.");
        }
    }

    /**
     * Revokes the grants of a replayed code and their families in one transaction, with the events
     * a reused refresh token raises on the native API when this call revoked a grant (a grant is
     * saved before its family, so the family of a grant revoked earlier is ended quietly).
     */
    private void revokeIssuedFrom(AuthorizationCode code, Instant now, ClientAddress clientAddress) {
        int[] counts = transactions.inTransaction(() -> {
            OidcGrantPort.RevokedByCode revoked = grants.revokeByCode(code.codeHash(), now);
            int tokens = 0;
            for (OidcGrant grant : revoked.grants()) {
                tokens += refreshTokens.revokeFamily(grant.grantId(), now);
            }
            // told by the call that revoked the grant: a family saved after it is revoked silently
            if (revoked.revokedNow() > 0) {
                events.emit(WebhookEventType.REFRESH_TOKEN_REUSE_DETECTED, code.userId(),
                        WebhookEvents.fields("client", code.clientId()));
                events.emit(WebhookEventType.SESSION_REVOKED, code.userId(),
                        WebhookEvents.fields("reason", "authorization_code_reuse", "client", code.clientId()));
            }
            return new int[] {revoked.grants().size(), tokens};
        });
        audit.record(AuditAction.OIDC_CODE_REPLAY, Actor.unknown(), code.userId(), clientAddress, Outcome.DENIED,
                "client " + code.clientId() + ": revoked " + counts[0] + " grant(s), " + counts[1]
                        + " refresh token(s)");
    }

    private void denied(AuthorizationCode code, Command command, String detail) {
        audit.record(AuditAction.OIDC_CODE_REDEEMED, Actor.unknown(), code.userId(), command.clientAddress(),
                Outcome.DENIED,
                detail);
    }

    private TokenResponse refresh(OidcClient client, Command command) {
        AtomicReference<RefreshOutcome> outcome = new AtomicReference<>(RefreshOutcome.INVALID);
        try {
            TokenResponse response = rotate(client, command, outcome);
            outcome.set(RefreshOutcome.SUCCESS);
            return response;
        } finally {
            observer.refresh(outcome.get());
        }
    }

    private TokenResponse rotate(OidcClient client, Command command, AtomicReference<RefreshOutcome> outcome) {
        RefreshRotation.Rotated rotated;
        try {
            rotated = rotation.rotate(command.refreshToken(), command.clientAddress(), token -> grants
                    .find(token.familyId())
                    .filter(grant -> !grant.isRevoked() && grant.clientId().equals(client.clientId()))
                    .isPresent(), family -> {
                        outcome.set(RefreshOutcome.REUSE_DETECTED);
                        grants.revoke(family, clock.instant());
                    }, client.refreshTokenTtl() != null ? client.refreshTokenTtl() : settings.refreshTokenTtl());
        } catch (InvalidRefreshTokenException e) {
            throw OAuthException.invalidGrant("The refresh token is not valid.");
        }
        if (rotated.fresh()) {
            observer.tokenIssued(ServiceObserver.TokenKind.REFRESH);
        }
        OidcGrant grant = grants.find(rotated.presented().familyId())
                .orElseThrow(() -> OAuthException.invalidGrant("The refresh token is not valid."));
        String scope = grant.scope();
        if (command.scope() != null && !command.scope().isEmpty()) {
            Set<String> asked = OidcScopes.parse(command.scope());
            if (!OidcScopes.parse(grant.scope()).containsAll(asked)) {
                throw new OAuthException("invalid_scope", "A refresh cannot widen the scope.");
            }
            scope = String.join(" ", asked);
        }
        // a scope taken from the client since the grant is not given again
        scope = OidcScopes.within(scope, client.scopes());
        Instant now = rotated.at();
        Duration accessTtl = client.accessTokenTtl() != null ? client.accessTokenTtl() : settings.accessTokenTtl();
        Instant expiresAt = now.plus(accessTtl);
        String accessToken = accessTokens.issueForClient(rotated.user(), client.clientId(), scope,
                grant.grantId().toString(), now, expiresAt);
        Set<String> scopes = OidcScopes.parse(scope);
        String idToken = scopes.contains("openid") ? claims.idToken(rotated.user(), client.clientId(), scopes, null,
                rotated.presented().sessionStartedAt(), null, null, accessToken, now, expiresAt) : null;
        return new TokenResponse(accessToken, accessTtl.toSeconds(), rotated.successor(), idToken, scope);
    }

    private TokenResponse clientCredentials(OidcClient client, Command command) {
        Set<String> asked = OidcScopes.parse(command.scope());
        if (asked.contains("openid") || asked.contains("offline_access") || asked.contains("profile")
                || asked.contains("email")) {
            throw new OAuthException("invalid_scope", "A service token carries no user scopes.");
        }
        if (!asked.isEmpty()) {
            throw new OAuthException("invalid_scope", "This client may ask for no scope with client_credentials.");
        }
        Instant now = clock.instant();
        Duration ttl = client.accessTokenTtl() != null ? client.accessTokenTtl() : settings.accessTokenTtl();
        String token = oidcTokens.serviceToken(client.clientId(), null, now, now.plus(ttl));
        return new TokenResponse(token, ttl.toSeconds(), null, null, null);
    }

}
