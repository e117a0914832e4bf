package io.userservice.core.port.out;

import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.domain.InvalidTokenException;

/** Verifies access tokens: signature, algorithm, kind, issuer, audience and validity period. */
public interface AccessTokenVerifier {

    /** @throws InvalidTokenException for any token that is not a valid access token now */
    AccessTokenClaims verify(String token);
}
