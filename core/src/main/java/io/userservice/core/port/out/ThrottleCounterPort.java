package io.userservice.core.port.out;

import java.time.Duration;
import java.time.Instant;

/**
 * Counts events per key in fixed time windows, shared by every instance of the service. Windows
 * of a given length start at multiples of that length since the epoch, so every instance agrees
 * on them. Increments are atomic: {@code n} concurrent hits on one key and window return the
 * counts 1 to {@code n}, each exactly once.
 */
public interface ThrottleCounterPort {

    /** Keys are at most this many characters long. */
    int MAX_KEY_LENGTH = 120;

    /** Adds one to the key's count in the window containing {@code now}; returns the new count. */
    WindowCount hit(String key, Duration window, Instant now);

    /** The key's count in the window containing {@code now}, zero when nothing was counted. */
    WindowCount count(String key, Duration window, Instant now);

    /** Forgets every window that ended at or before {@code now}; returns how many were forgotten. */
    int purgeExpired(Instant now);

    /**
     * A count and when its window ends.
     *
     * @param count    the events counted in the window
     * @param resetsAt the end of the window, when counting starts again from zero
     */
    record WindowCount(int count, Instant resetsAt) {
    }

    /** The start of the window of length {@code window} that contains {@code now}. */
    static Instant windowStart(Duration window, Instant now) {
        long length = window.toMillis();
        if (length <= 0) {
            throw new IllegalArgumentException("window must be at least one millisecond");
        }
        long millis = now.toEpochMilli();
        return Instant.ofEpochMilli(millis - Math.floorMod(millis, length));
    }
}
