package io.userservice.core.port.out;

import io.userservice.core.domain.RefreshToken;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores refresh tokens (by hash) and their families. A family is one signed-in session: its
 * owner, the owner's credential epoch and the moment of the sign-in belong to the family, and a
 * revoked family revokes every token in it, present and future.
 */
public interface RefreshTokenPort {

    /**
     * Stores a token. The first token saved with a family id starts that family, with the token's
     * user, epoch and session start; a token saved into an existing family takes the family's.
     */
    void save(RefreshToken token);

    /**
     * The token with this hash, with its family's epoch and session start. Its {@code revokedAt}
     * is set when the token or its family was revoked.
     */
    Optional<RefreshToken> findByHash(String tokenHash);

    /**
     * Atomically exchanges a token for its successor: stores {@code successor} and marks the
     * parent rotated (with {@code sealedSuccessor}) only if the parent is still neither rotated
     * nor revoked and its family is not revoked. Of any number of concurrent calls for one parent,
     * on any number of instances, exactly one returns true; the others change nothing.
     *
     * <p>Rotations and revocations of one family are serialized: once {@link #revokeFamily} or
     * {@link #revokeAllOfUser} has returned, every token of the family is revoked, including the
     * successor of a rotation that ran at the same moment, and no later rotation succeeds.
     */
    boolean rotate(String parentHash, RefreshToken successor, byte[] sealedSuccessor, Instant at);

    /** Revokes the family and every token of it that is not revoked yet; returns how many tokens. */
    int revokeFamily(UUID familyId, Instant at);

    /** Revokes every family of the user and each of their tokens not revoked yet; returns how many tokens. */
    int revokeAllOfUser(long userId, Instant at);
}
