package io.userservice.core.port.out;

import java.time.Instant;

/** Remembers which one-time uses of tokens have happened, so each happens once. */
public interface ConsumedTokenPort {

    /**
     * Records the one-time use of the token with this id. Returns true for the first call for an
     * id and false for every later one; of concurrent calls for one id, on any number of
     * instances, exactly one returns true. {@code expiresAt} tells when the record may be
     * forgotten (the token is useless by then anyway).
     */
    boolean consumeOnce(String tokenId, Instant expiresAt);

    /**
     * Forgets the uses recorded with an {@code expiresAt} before {@code cutoff}; returns how many.
     * One statement: instances purging at once delete each record once, and a use recorded
     * meanwhile is never lost.
     */
    int deleteExpiredBefore(Instant cutoff);
}
