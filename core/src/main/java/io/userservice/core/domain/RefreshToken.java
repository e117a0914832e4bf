package io.userservice.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored refresh token. Only the hash of the opaque token is kept. Tokens of one login form a
 * family; each use rotates the token to a successor in the same family.
 *
 * @param tokenHash       hash of the opaque token (see the core's token digests)
 * @param familyId        the family, shared by every successor of one login
 * @param userId          the owner
 * @param issuedAt        when this token was issued
 * @param expiresAt       when it stops working
 * @param rotatedAt       when it was exchanged for a successor, or {@code null}
 * @param sealedSuccessor the successor, encrypted under a key only the holder of this token can
 *                        derive; lets a racing second use inside the grace window receive the same
 *                        successor without the store ever holding a usable token
 * @param revokedAt       when it was revoked (logout, theft detection, password reset), or {@code null}
 */
public record RefreshToken(String tokenHash, UUID familyId, long userId, Instant issuedAt,
                           Instant expiresAt, Instant rotatedAt, byte[] sealedSuccessor,
                           Instant revokedAt) {

    public RefreshToken {
        sealedSuccessor = sealedSuccessor == null ? null : sealedSuccessor.clone();
    }

    @Override
    public byte[] sealedSuccessor() {
        return sealedSuccessor == null ? null : sealedSuccessor.clone();
    }

    public static RefreshToken fresh(String tokenHash, UUID familyId, long userId, Instant issuedAt,
                                     Duration ttl) {
        return new RefreshToken(tokenHash, familyId, userId, issuedAt, issuedAt.plus(ttl), null, null, null);
    }

    public boolean isUsableAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    public boolean isRotated() {
        return rotatedAt != null;
    }

    /** True when this token was rotated so recently that a second use counts as a benign race. */
    public boolean isInGraceWindow(Instant now, Duration grace) {
        return rotatedAt != null && sealedSuccessor != null && !grace.isZero()
                && !now.isAfter(rotatedAt.plus(grace));
    }

    @Override
    public String toString() {
        return "RefreshToken[family=" + familyId + ", user=" + userId + "]";
    }
}
