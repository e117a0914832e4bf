package io.userservice.core.port.out;

import java.time.Instant;
import java.util.List;

/**
 * Stores the token signing keys, shared by every server instance so that each signs and
 * verifies with the same keys.
 */
public interface SigningKeyPort {

    /** A stored key: its id, its algorithm, and the private key as a JWK JSON document. */
    record StoredKey(String keyId, String algorithm, String privateJwk, Instant createdAt) {

        @Override
        public String toString() {
            return "StoredKey[" + keyId + ", " + algorithm + ", " + createdAt + "]";
        }
    }

    /** All stored keys, oldest first (ties broken by key id). */
    List<StoredKey> findAll();

    /** Adds a key; a key id that already exists is left as it is. */
    void add(StoredKey key);
}
