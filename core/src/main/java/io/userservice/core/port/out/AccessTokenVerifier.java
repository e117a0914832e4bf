package io.userservice.core.port.out;

import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.domain.InvalidTokenException;

/** Verifies access tokens: signature, algorithm, kind, issuer, audience and validity period. */
public interface AccessTokenVerifier {

    /** @throws InvalidTokenException for any token that is not a valid access token now */
    AccessTokenClaims verify(String token);

    /**
     * A number that changes whenever a key stops being accepted (a revocation, or the end of a
     * retired key's retention); whoever remembers verified tokens must forget those remembered
     * under an older number. Constant for a verifier whose keys never change.
     */
    default long keyGeneration() {
        return 0;
    }
}
