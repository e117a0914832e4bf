package io.userservice.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored refresh token. Only the hash of the opaque token is kept. Tokens of one sign-in form a
 * family (a session); each use rotates the token to a successor in the same family.
 *
 * @param tokenHash        hash of the opaque token (see the core's token digests)
 * @param familyId         the family, shared by every successor of one sign-in
 * @param userId           the owner
 * @param issuedAt         when this token was issued
 * @param expiresAt        when it stops working
 * @param rotatedAt        when it was exchanged for a successor, or {@code null}
 * @param sealedSuccessor  the successor, encrypted under a key only the holder of this token can
 *                         derive; lets a racing second use inside the grace window receive the
 *                         same successor without the store ever holding a usable token
 * @param revokedAt        when it or its family was revoked (logout, theft detection, password
 *                         reset), or {@code null}
 * @param epoch            the owner's credential epoch when the family was started (see
 *                         {@link User#credentialEpoch()}); the family works only while the owner
 *                         is still at it
 * @param sessionStartedAt when the family's sign-in happened; the family ends a fixed time after
 *                         it, however often it is rotated
 */
public record RefreshToken(String tokenHash, UUID familyId, long userId, Instant issuedAt,
                           Instant expiresAt, Instant rotatedAt, byte[] sealedSuccessor,
                           Instant revokedAt, long epoch, Instant sessionStartedAt) {

    public RefreshToken {
        sealedSuccessor = sealedSuccessor == null ? null : sealedSuccessor.clone();
    }

    /** A token of a family started at the first epoch when this token was issued. */
    public RefreshToken(String tokenHash, UUID familyId, long userId, Instant issuedAt, Instant expiresAt,
                        Instant rotatedAt, byte[] sealedSuccessor, Instant revokedAt) {
        this(tokenHash, familyId, userId, issuedAt, expiresAt, rotatedAt, sealedSuccessor, revokedAt, 0, issuedAt);
    }

    @Override
    public byte[] sealedSuccessor() {
        return sealedSuccessor == null ? null : sealedSuccessor.clone();
    }

    /** A new, unused token; when it starts a family, its session starts at {@code issuedAt}, at the first epoch. */
    public static RefreshToken fresh(String tokenHash, UUID familyId, long userId, Instant issuedAt,
                                     Duration ttl) {
        return new RefreshToken(tokenHash, familyId, userId, issuedAt, issuedAt.plus(ttl), null, null, null);
    }

    /** The first token of a new family, for a sign-in of {@code user} at {@code at}. */
    public static RefreshToken startingSession(String tokenHash, User user, Instant at, Duration ttl,
                                               Duration sessionMaxLifetime) {
        Instant expiresAt = earliest(at.plus(ttl), at.plus(sessionMaxLifetime));
        return new RefreshToken(tokenHash, UUID.randomUUID(), user.id(), at, expiresAt, null, null, null,
                user.credentialEpoch(), at);
    }

    /**
     * The token that replaces this one at {@code at}: same family, owner, epoch and session start,
     * valid for {@code ttl} but never past the session's end.
     */
    public RefreshToken successor(String successorHash, Instant at, Duration ttl, Duration sessionMaxLifetime) {
        return new RefreshToken(successorHash, familyId, userId, at,
                earliest(at.plus(ttl), sessionEndsAt(sessionMaxLifetime)), null, null, null, epoch, sessionStartedAt);
    }

    /** When the family ends, whatever the rotations. */
    public Instant sessionEndsAt(Duration sessionMaxLifetime) {
        return sessionStartedAt.plus(sessionMaxLifetime);
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

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    @Override
    public String toString() {
        return "RefreshToken[family=" + familyId + ", user=" + userId + "]";
    }
}
