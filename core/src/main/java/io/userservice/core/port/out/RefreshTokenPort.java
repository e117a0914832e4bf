package io.userservice.core.port.out;

import io.userservice.core.domain.RefreshToken;
import io.userservice.core.domain.Session;
import io.userservice.core.domain.SessionClient;
import java.util.List;
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

    /**
     * As {@link #rotate(String, RefreshToken, byte[], Instant)}, and, only when this call makes
     * the rotation, notes the family's use by {@code usedBy} at {@code at} as {@link #recordUse}
     * does. A store that can do both in the rotation's own transaction should.
     */
    default boolean rotate(String parentHash, RefreshToken successor, byte[] sealedSuccessor, Instant at,
                           SessionClient usedBy) {
        if (!rotate(parentHash, successor, sealedSuccessor, at)) {
            return false;
        }
        recordUse(successor.familyId(), usedBy, at);
        return true;
    }

    /** Revokes the family and every token of it that is not revoked yet; returns how many tokens. */
    int revokeFamily(UUID familyId, Instant at);

    /** Revokes every family of the user and each of their tokens not revoked yet; returns how many tokens. */
    int revokeAllOfUser(long userId, Instant at);

    /**
     * Notes that the family was used at {@code at} by {@code client} (a sign-in or a refresh). The
     * first use noted is also kept as the sign-in's client. Does nothing for an unknown family.
     */
    void recordUse(UUID familyId, SessionClient client, Instant at);

    /**
     * The user's live sessions at {@code now}, newest sign-in first: the families that are not
     * revoked, were started at credential epoch {@code epoch} and still hold a token that is
     * neither rotated, revoked nor expired.
     */
    List<Session> sessionsOf(long userId, long epoch, Instant now);

    /**
     * Revokes the family and its tokens, as {@link #revokeFamily}, but only when it belongs to
     * {@code userId} and is not revoked yet; false (changing nothing) otherwise. Of concurrent
     * calls for one family exactly one returns true.
     */
    boolean revokeSession(long userId, UUID familyId, Instant at);

    /** Erases every token and family of the user; returns how many tokens. */
    int eraseUser(long userId);
}
