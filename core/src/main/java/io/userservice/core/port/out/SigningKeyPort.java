package io.userservice.core.port.out;

import java.time.Instant;
import java.util.List;

/**
 * Stores the token signing keys, shared by every server instance so that each signs and
 * verifies with the same keys.
 */
public interface SigningKeyPort {

    /**
     * A stored key: its id, its algorithm, the private key as a JWK JSON document (or that
     * document encrypted, as the token implementation wrote it), when it was created, when a
     * newer key replaced it ({@code null} while it is current) and when it was revoked in an
     * emergency ({@code null} unless it was).
     */
    record StoredKey(String keyId, String algorithm, String privateJwk, Instant createdAt, Instant retiredAt,
                     Instant revokedAt) {

        /** A current key, not retired. */
        public StoredKey(String keyId, String algorithm, String privateJwk, Instant createdAt) {
            this(keyId, algorithm, privateJwk, createdAt, null, null);
        }

        /** A key that was never revoked. */
        public StoredKey(String keyId, String algorithm, String privateJwk, Instant createdAt, Instant retiredAt) {
            this(keyId, algorithm, privateJwk, createdAt, retiredAt, null);
        }

        public boolean retired() {
            return retiredAt != null;
        }

        public boolean revoked() {
            return revokedAt != null;
        }

        @Override
        public String toString() {
            return "StoredKey[" + keyId + ", " + algorithm + ", " + createdAt
                    + (retiredAt == null ? "" : ", retired " + retiredAt)
                    + (revokedAt == null ? "" : ", revoked " + revokedAt) + "]";
        }
    }

    /** All stored keys, oldest first (ties broken by key id). */
    List<StoredKey> findAll();

    /** Adds a key; a key id that already exists is left as it is. */
    void add(StoredKey key);

    /**
     * Adds {@code key} (not retired) and, in the same transaction, retires every other key that is
     * not retired yet, at {@code at}. A key id that already exists changes nothing and returns
     * false.
     */
    boolean rotate(StoredKey key, Instant at);

    /**
     * Revokes a key at {@code at}: from then on it neither signs nor verifies, and is no longer
     * published. Revoking retires it too. Returns false when there is no such key or it was
     * revoked already.
     */
    boolean revoke(String keyId, Instant at);

    /**
     * Replaces the stored private key document of {@code keyId} only if it is still {@code expected}
     * (used to encrypt keys stored in plain text); returns whether it was replaced.
     */
    boolean replacePrivateJwk(String keyId, String expected, String replacement);

    /**
     * Deletes the keys retired (or revoked) before {@code cutoff}: keys no token that is still
     * valid was signed with. Never the current key, which is not retired. Returns how many. One
     * statement: instances purging at once delete each key once.
     */
    int deleteRetiredBefore(Instant cutoff);
}
