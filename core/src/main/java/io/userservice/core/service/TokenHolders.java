package io.userservice.core.service;

import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.User;
import io.userservice.core.port.out.OidcClientPort;
import io.userservice.core.port.out.OidcGrantPort;
import java.util.UUID;

/**
 * The per-user check that follows a verified signature: the user of a token (and, for a token
 * minted on someone's behalf, its actor) still exists, is not deactivated, and has not changed
 * the password, been deactivated or lost a role since the token was granted (the credential epoch
 * of the token is still the user's, see {@link User#credentialEpoch()}). Kept out of the token
 * verifier, which only judges the token itself.
 */
final class TokenHolders {

    private final Users users;
    private final OidcGrantPort grants;
    private final OidcClientPort clients;

    TokenHolders(Users users, OidcGrantPort grants, OidcClientPort clients) {
        this.users = users;
        this.grants = grants;
        this.clients = clients;
    }

    /** The token's user, if the token still speaks for them. */
    User holderOf(AccessTokenClaims claims) {
        User user = users.holderById(claims.userId())
                .filter(u -> u.accepts(claims.issuedAt(), claims.epoch()))
                .orElseThrow(TokenHolders::noLongerValid);
        if (claims.actorId() != null) {
            users.holderById(claims.actorId())
                    .filter(actor -> actor.accepts(claims.issuedAt(), claims.actorEpoch()))
                    .orElseThrow(TokenHolders::noLongerValid);
        }
        if (claims.isForClient() && !grantIsLive(claims)) {
            throw noLongerValid();
        }
        return user;
    }

    /**
     * A token issued to a client works while its grant does (not revoked by a logout, a revocation
     * or a replayed code) and the client is still registered.
     */
    private boolean grantIsLive(AccessTokenClaims claims) {
        UUID grantId;
        try {
            grantId = UUID.fromString(claims.grantId());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return grants.find(grantId)
                .filter(grant -> !grant.isRevoked() && grant.clientId().equals(claims.clientId())
                        && grant.userId() == claims.userId())
                .isPresent() && clients.find(claims.clientId()).isPresent();
    }

    private static InvalidTokenException noLongerValid() {
        return new InvalidTokenException("The access token is no longer valid.");
    }
}
