package io.userservice.core.port.out;

/** Source of unguessable secrets (refresh tokens, codes, token ids). */
public interface SecretGenerator {

    /** A new URL-safe secret carrying at least 256 bits of randomness. */
    String newSecret();
}
