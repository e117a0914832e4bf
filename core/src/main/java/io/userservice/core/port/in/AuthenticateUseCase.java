package io.userservice.core.port.in;

import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.domain.User;

/** Turns a bearer access token into the verified identity of its holder. */
public interface AuthenticateUseCase {

    /** @throws io.userservice.core.domain.InvalidTokenException when the token is not valid now */
    AccessTokenClaims authenticate(String bearerToken);

    /**
     * Like {@link #authenticate}, with the holder as the check found them: a caller that answers
     * with the user needs no second read.
     *
     * @throws io.userservice.core.domain.InvalidTokenException when the token is not valid now
     */
    Holder authenticateHolder(String bearerToken);

    /** A verified token and its user, as they were when the token was checked. */
    record Holder(AccessTokenClaims claims, User user) {
    }
}
