package io.userservice.core.port.out;

import io.userservice.core.domain.PasskeyChallenge;
import java.time.Instant;

/** Keeps WebAuthn challenges server-side, shared by every instance, until one ceremony uses each. */
public interface PasskeyChallengePort {

    void save(PasskeyChallenge challenge);

    /**
     * Removes the challenge if it exists with this purpose and user ({@code userId} null for a
     * sign-in challenge) and has not expired at {@code now}, and says whether it did. One atomic
     * statement: of concurrent calls for one challenge, on any number of instances, at most one
     * returns true.
     */
    boolean consume(String digest, PasskeyChallenge.Purpose purpose, Long userId, Instant now);

    /** Deletes the challenges that expired before {@code cutoff}; returns how many. */
    int deleteExpiredBefore(Instant cutoff);
}
