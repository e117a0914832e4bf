package io.userservice.core.service;

import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.User;

/**
 * The per-user check that follows a verified signature: the user of a token (and, for a token
 * minted on someone's behalf, its actor) still exists, is not deactivated, and has not changed
 * the password, been deactivated or lost a role since the token was granted (the credential epoch
 * of the token is still the user's, see {@link User#credentialEpoch()}). Kept out of the token
 * verifier, which only judges the token itself.
 */
final class TokenHolders {

    private final Users users;

    TokenHolders(Users users) {
        this.users = users;
    }

    /** The token's user, if the token still speaks for them. */
    User holderOf(AccessTokenClaims claims) {
        User user = users.byId(claims.userId())
                .filter(u -> u.accepts(claims.issuedAt(), claims.epoch()))
                .orElseThrow(TokenHolders::noLongerValid);
        if (claims.actorId() != null) {
            users.byId(claims.actorId())
                    .filter(actor -> actor.accepts(claims.issuedAt(), claims.actorEpoch()))
                    .orElseThrow(TokenHolders::noLongerValid);
        }
        return user;
    }

    private static InvalidTokenException noLongerValid() {
        return new InvalidTokenException("The access token is no longer valid.");
    }
}
