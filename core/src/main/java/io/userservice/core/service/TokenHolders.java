package io.userservice.core.service;

import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.User;
import io.userservice.core.port.out.LoadUserPort;

/**
 * The per-user check that follows a verified signature: the user of a token (and, for a token
 * minted on someone's behalf, its actor) still exists, is not deactivated, and has not changed
 * the password, been deactivated or lost a role since the token was granted (the credential epoch
 * of the token is still the user's, see {@link User#credentialEpoch()}). Kept out of the token
 * verifier, which only judges the token itself.
 */
final class TokenHolders {

    private final LoadUserPort loadUsers;

    TokenHolders(LoadUserPort loadUsers) {
        this.loadUsers = loadUsers;
    }

    /** The token's user, if the token still speaks for them. */
    User holderOf(AccessTokenClaims claims) {
        User user = loadUsers.findById(claims.userId())
                .filter(u -> u.accepts(claims.issuedAt(), claims.epoch()))
                .orElseThrow(TokenHolders::noLongerValid);
        if (claims.actorId() != null) {
            loadUsers.findById(claims.actorId())
                    .filter(actor -> actor.accepts(claims.issuedAt(), claims.actorEpoch()))
                    .orElseThrow(TokenHolders::noLongerValid);
        }
        return user;
    }

    private static InvalidTokenException noLongerValid() {
        return new InvalidTokenException("The access token is no longer valid.");
    }
}
