package io.userservice.core.port.out;

import io.userservice.core.domain.MfaChallenge;
import java.time.Instant;
import java.util.Optional;

/**
 * Stores the sign-ins waiting for their second factor (by token hash), shared by every instance.
 * A challenge is live while it is unused, unexpired and has fewer than the allowed wrong codes.
 */
public interface MfaChallengePort {

    void save(MfaChallenge challenge);

    /** The challenge with this hash, if it is live at {@code now}. */
    Optional<MfaChallenge> findLive(String tokenHash, Instant now, int maxFailures);

    /**
     * Counts one wrong code against the challenge, atomically, unless it already has
     * {@code maxFailures}: concurrent wrong codes on any number of instances never count past it.
     */
    void countFailure(String tokenHash, int maxFailures);

    /**
     * Atomically uses the challenge if it is live at {@code now}. Of concurrent calls for one
     * challenge, on any number of instances, at most one returns true.
     */
    boolean consume(String tokenHash, Instant now, int maxFailures);

    /** Deletes the challenges that expired before {@code cutoff}, used or not; returns how many. */
    int deleteExpiredBefore(Instant cutoff);

    /** Erases every challenge of the user; returns how many. */
    int eraseUser(long userId);
}
