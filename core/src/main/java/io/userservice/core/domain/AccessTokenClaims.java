package io.userservice.core.domain;

import java.time.Instant;
import java.util.Set;

/**
 * What a verified access token says. {@code portalLogin} marks a token that may also sign its user
 * into the portal once. {@code actorId} is set on a token minted by another user on this user's
 * behalf (RFC 8693 {@code act}); such a token can never mint further tokens. {@code issuedAt} is
 * precise to the millisecond where the token carries it, so it can be compared with a user's
 * valid-after instant. {@code epoch} and {@code actorEpoch} are the credential epochs (see
 * {@link User#credentialEpoch()}) of the user and of the actor when the token was granted. Built
 * by the token verifier from a token whose signature, kind, issuer, audience and validity period
 * have all been checked. A token issued to an OpenID Connect client names the client
 * ({@code clientId}), its {@code scope} and the grant it belongs to ({@code grantId}); all three
 * are null on the service's own tokens. {@code authTime} is when the user entered a credential
 * (a password or a passkey) for the sign-in this token comes from; it is set only on a token a
 * sign-in issued, null on one a refresh or anything else issued.
 */
public record AccessTokenClaims(long userId, String email, Set<Role> roles, String tokenId,
                                Instant issuedAt, Instant expiresAt, boolean portalLogin, Long actorId,
                                long epoch, long actorEpoch, String clientId, String scope, String grantId,
                                Instant authTime) {

    public AccessTokenClaims {
        roles = Set.copyOf(roles);
    }

    /** Claims of a token that records no sign-in time. */
    public AccessTokenClaims(long userId, String email, Set<Role> roles, String tokenId, Instant issuedAt,
                             Instant expiresAt, boolean portalLogin, Long actorId, long epoch, long actorEpoch,
                             String clientId, String scope, String grantId) {
        this(userId, email, roles, tokenId, issuedAt, expiresAt, portalLogin, actorId, epoch, actorEpoch, clientId,
                scope, grantId, null);
    }

    /** Claims of one of the service's own tokens (not issued to an OpenID Connect client). */
    public AccessTokenClaims(long userId, String email, Set<Role> roles, String tokenId, Instant issuedAt,
                             Instant expiresAt, boolean portalLogin, Long actorId, long epoch, long actorEpoch) {
        this(userId, email, roles, tokenId, issuedAt, expiresAt, portalLogin, actorId, epoch, actorEpoch, null, null,
                null);
    }

    /** Claims granted at the first credential epoch. */
    public AccessTokenClaims(long userId, String email, Set<Role> roles, String tokenId, Instant issuedAt,
                             Instant expiresAt, boolean portalLogin, Long actorId) {
        this(userId, email, roles, tokenId, issuedAt, expiresAt, portalLogin, actorId, 0, 0);
    }

    /** Whether the token was issued to an OpenID Connect client. */
    public boolean isForClient() {
        return clientId != null;
    }

    public boolean isImpersonation() {
        return actorId != null;
    }
}
