package io.userservice.core.port.in;

import io.userservice.core.domain.AccessTokenClaims;

/** Turns a bearer access token into the verified identity of its holder. */
public interface AuthenticateUseCase {

    /** @throws io.userservice.core.domain.InvalidTokenException when the token is not valid now */
    AccessTokenClaims authenticate(String bearerToken);
}
