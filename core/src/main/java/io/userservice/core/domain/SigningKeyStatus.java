package io.userservice.core.domain;

import java.time.Instant;

/**
 * What an operator sees of one stored signing key; never the key itself.
 *
 * @param keyId         the {@code kid}
 * @param createdAt     when the key was made
 * @param retiredAt     when a newer key replaced it, {@code null} while it is current
 * @param acceptedUntil until when tokens it signed are accepted and its public key is published;
 *                      {@code null} while it is current
 * @param active        whether it signs new tokens
 * @param published     whether it is in the JWKS and verifies tokens now
 * @param encrypted     whether its private key is stored encrypted
 * @param revokedAt     when it was revoked in an emergency, {@code null} unless it was
 */
public record SigningKeyStatus(String keyId, Instant createdAt, Instant retiredAt, Instant acceptedUntil,
                               boolean active, boolean published, boolean encrypted, Instant revokedAt) {

    /** A key that was never revoked. */
    public SigningKeyStatus(String keyId, Instant createdAt, Instant retiredAt, Instant acceptedUntil,
                            boolean active, boolean published, boolean encrypted) {
        this(keyId, createdAt, retiredAt, acceptedUntil, active, published, encrypted, null);
    }
}
