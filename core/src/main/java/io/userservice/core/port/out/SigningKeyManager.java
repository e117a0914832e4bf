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

    /** Every stored key, oldest first. */
    List<SigningKeyStatus> keys();
}
