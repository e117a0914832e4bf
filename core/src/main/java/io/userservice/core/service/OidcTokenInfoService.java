package io.userservice.core.service;

import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.OidcClient;
import io.userservice.core.domain.OidcGrant;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.RefreshToken;
import io.userservice.core.domain.User;
import io.userservice.core.domain.UserServiceException;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.in.ClientCredentials;
import io.userservice.core.port.in.OidcTokenInfoUseCase;
import io.userservice.core.port.out.AccessTokenVerifier;
import io.userservice.core.port.out.OidcGrantPort;
import io.userservice.core.port.out.OidcTokens;
import io.userservice.core.port.out.RefreshTokenPort;
import io.userservice.core.port.out.Transactions;
import io.userservice.core.settings.CoreSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Userinfo, introspection and revocation. A client learns about, and revokes, only tokens issued
 * to itself: anything else is {@code active: false}, and its revocation does nothing, as RFC 7009
 * asks for tokens that are not the client's.
 */
final class OidcTokenInfoService implements OidcTokenInfoUseCase {

    private static final int MAX_TOKEN_LENGTH = 8192;

    private final ClientAuthentication clientAuthentication;
    private final AccessTokenVerifier verifier;
    private final TokenHolders holders;
    private final OidcTokens oidcTokens;
    private final RefreshTokenPort refreshTokens;
    private final OidcGrantPort grants;
    private final Users users;
    private final Clock clock;
    private final CoreSettings settings;
    private final AuditTrail audit;
    private final String issuer;
    private final Transactions transactions;
    private final WebhookEvents events;

    OidcTokenInfoService(ClientAuthentication clientAuthentication, AccessTokenVerifier verifier, TokenHolders holders,
                         OidcTokens oidcTokens, RefreshTokenPort refreshTokens, OidcGrantPort grants, Users users,
                         Clock clock, CoreSettings settings, AuditTrail audit, String issuer,
                         Transactions transactions, WebhookEvents events) {
        this.transactions = transactions;
        this.events = events;
        this.clientAuthentication = clientAuthentication;
        this.verifier = verifier;
        this.holders = holders;
        this.oidcTokens = oidcTokens;
        this.refreshTokens = refreshTokens;
        this.grants = grants;
        this.users = users;
        this.clock = clock;
        this.settings = settings;
        this.audit = audit;
        this.issuer = issuer;
    }

    @Override
    public Map<String, Object> userInfo(String accessToken) {
        AccessTokenClaims claims = verifier.verify(accessToken);
        User user = holders.holderOf(claims);
        if (!claims.isForClient() || !OidcScopes.parse(claims.scope()).contains("openid")) {
            throw new InvalidTokenException("The access token was not issued for userinfo (scope openid).");
        }
        return OidcClaims.of(user, OidcScopes.parse(claims.scope()));
    }

    @Override
    public Map<String, Object> introspect(ClientCredentials credentials, String token, String tokenTypeHint,
                                          ClientAddress clientAddress) {
        OidcClient client = clientAuthentication.authenticate(credentials, clientAddress);
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return inactive();
        }
        return accessToken(client, token)
                .or(() -> serviceToken(client, token))
                .or(() -> refreshToken(client, token))
                .orElseGet(OidcTokenInfoService::inactive);
    }

    @Override
    public void revoke(ClientCredentials credentials, String token, String tokenTypeHint, ClientAddress clientAddress) {
        OidcClient client = clientAuthentication.authenticate(credentials, clientAddress);
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return;
        }
        Optional<OidcGrant> grant = grantOfRefreshToken(client, token);
        if (grant.isEmpty()) {
            grant = accessClaims(client, token).flatMap(claims -> grantOf(client, claims.grantId()));
        }
        grant.ifPresent(g -> {
            Instant now = clock.instant();
            // the grant and its family end together, told as the native API tells a logout
            int tokens = transactions.inTransaction(() -> {
                boolean ended = grants.revoke(g.grantId(), now);
                int count = refreshTokens.revokeFamily(g.grantId(), now);
                if (ended || count > 0) {
                    events.emit(WebhookEventType.SESSION_REVOKED, g.userId(),
                            WebhookEvents.fields("reason", "token_revocation", "client", client.clientId()));
                }
                return count;
            });
            audit.self(AuditAction.OIDC_REVOCATION, g.userId(), clientAddress, Outcome.SUCCESS,
                    "client " + client.clientId() + ": revoked a grant and " + tokens + " refresh token(s)");
        });
    }

    private Optional<Map<String, Object>> accessToken(OidcClient client, String token) {
        return accessClaims(client, token).flatMap(claims -> {
            try {
                User user = holders.holderOf(claims);
                Map<String, Object> answer = active(client, claims.scope(), Long.toString(user.id()), "access_token");
                answer.put("exp", claims.expiresAt().getEpochSecond());
                answer.put("iat", claims.issuedAt().getEpochSecond());
                answer.put("jti", claims.tokenId());
                return Optional.of(answer);
            } catch (UserServiceException e) {
                return Optional.empty();
            }
        });
    }

    private Optional<AccessTokenClaims> accessClaims(OidcClient client, String token) {
        try {
            AccessTokenClaims claims = verifier.verify(token);
            return client.clientId().equals(claims.clientId()) ? Optional.of(claims) : Optional.empty();
        } catch (UserServiceException e) {
            return Optional.empty();
        }
    }

    private Optional<Map<String, Object>> serviceToken(OidcClient client, String token) {
        return oidcTokens.readServiceToken(token)
                .filter(service -> service.clientId().equals(client.clientId()))
                .map(service -> {
                    Map<String, Object> answer = active(client, service.scope(), service.clientId(), "access_token");
                    answer.put("exp", service.expiresAt().getEpochSecond());
                    answer.put("iat", service.issuedAt().getEpochSecond());
                    answer.put("jti", service.tokenId());
                    return answer;
                });
    }

    private Optional<Map<String, Object>> refreshToken(OidcClient client, String token) {
        return grantOfRefreshToken(client, token).flatMap(grant -> {
            RefreshToken stored = refreshTokens.findByHash(Digests.sha256(token)).orElseThrow();
            Instant now = clock.instant();
            if (grant.isRevoked() || !stored.isUsableAt(now) || stored.isRotated()
                    || !now.isBefore(stored.sessionEndsAt(settings.sessionMaxLifetime()))
                    || users.byId(stored.userId()).filter(u -> u.accepts(stored.issuedAt(), stored.epoch())).isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> answer = active(client, grant.scope(), Long.toString(grant.userId()), "refresh_token");
            answer.put("exp", stored.expiresAt().getEpochSecond());
            answer.put("iat", stored.issuedAt().getEpochSecond());
            return Optional.of(answer);
        });
    }

    private Optional<OidcGrant> grantOfRefreshToken(OidcClient client, String token) {
        if (token.length() > 512) {
            return Optional.empty();
        }
        return refreshTokens.findByHash(Digests.sha256(token))
                .flatMap(stored -> grants.find(stored.familyId()))
                .filter(grant -> grant.clientId().equals(client.clientId()));
    }

    private Optional<OidcGrant> grantOf(OidcClient client, String grantId) {
        try {
            return grants.find(java.util.UUID.fromString(grantId))
                    .filter(grant -> grant.clientId().equals(client.clientId()));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private Map<String, Object> active(OidcClient client, String scope, String subject, String type) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("active", true);
        answer.put("client_id", client.clientId());
        if (scope != null) {
            answer.put("scope", scope);
        }
        answer.put("sub", subject);
        answer.put("iss", issuer);
        answer.put("token_type", type);
        return answer;
    }

    private static Map<String, Object> inactive() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("active", false);
        return answer;
    }
}
