package io.userservice.core.port.out;

import io.userservice.core.domain.AuthorizationCode;
import java.time.Instant;
import java.util.Optional;

/** Stores authorization codes by digest and lets each be redeemed once. */
public interface AuthorizationCodePort {

    void save(AuthorizationCode code);

    /**
     * Atomically marks the code consumed, whatever comes of the redemption, and says whether this
     * call was its first use. Of any number of concurrent calls for one code, on any number of
     * instances, exactly one sees {@code firstUse}; every other call, and every later one, sees
     * the code as replayed and records that it was ({@link #wasReplayed}) before it returns.
     * The first use gets the code with the ID token it was issued with, and the store forgets that
     * token in the same step; every other call gets the code without it.
     * Empty for a code that was never issued.
     */
    Optional<Redemption> consume(String codeHash, Instant at);

    /** Deletes every code that expired before {@code before}, used or not; returns how many. */
    int deleteExpiredBefore(Instant before);

    /** Erases every code issued to the user, used or not; returns how many. */
    int eraseUser(long userId);

    /** Whether any redemption of the code after its first was attempted. */
    boolean wasReplayed(String codeHash);

    /** A code found at redemption, and whether this was its first use. */
    record Redemption(AuthorizationCode code, boolean firstUse) {
    }
}
