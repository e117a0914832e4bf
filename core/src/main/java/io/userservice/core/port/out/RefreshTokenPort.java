package io.userservice.core.port.out;

import io.userservice.core.domain.RefreshToken;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Stores refresh tokens (by hash) and their families. */
public interface RefreshTokenPort {

    void save(RefreshToken token);

    Optional<RefreshToken> findByHash(String tokenHash);

    /**
     * Atomically exchanges a token for its successor: stores {@code successor} and marks the
     * parent rotated (with {@code sealedSuccessor}) only if the parent is still neither rotated
     * nor revoked. Of any number of concurrent calls for one parent, on any number of instances,
     * exactly one returns true; the others change nothing.
     */
    boolean rotate(String parentHash, RefreshToken successor, byte[] sealedSuccessor, Instant at);

    /** Revokes every token of the family that is not revoked yet; returns how many. */
    int revokeFamily(UUID familyId, Instant at);

    /** Revokes every token of the user that is not revoked yet; returns how many. */
    int revokeAllOfUser(long userId, Instant at);
}
