package io.userservice.core.port.out;

import io.userservice.core.domain.SigningKeyStatus;
import java.util.List;

/** Rotates and lists the token signing keys, for the operator. */
public interface SigningKeyManager {

    /**
     * Adds a new signing key that signs every token from now on and retires the current one,
     * which keeps verifying until every token it signed has expired; returns the new key id.
     */
    String rotate();

    /**
     * Revokes a key in an emergency (a leaked private key): it stops verifying and leaves the
     * JWKS on every instance within the key re-read interval, and every token it signed stops
     * working. A revoked active key is first replaced by a new one. Returns false when there is no
     * such key or it was revoked already.
     */
    boolean revoke(String keyId);

    /** Every stored key, oldest first. */
    List<SigningKeyStatus> keys();
}
