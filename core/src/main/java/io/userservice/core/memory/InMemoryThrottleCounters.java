package io.userservice.core.memory;

import io.userservice.core.port.out.ThrottleCounterPort;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Throttle counters in memory, for one process; thread-safe. */
public final class InMemoryThrottleCounters implements ThrottleCounterPort {

    private record Bucket(int hits, Instant expiresAt) {
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Override
    public WindowCount hit(String key, Duration window, Instant now) {
        Instant start = ThrottleCounterPort.windowStart(window, now);
        Instant end = start.plus(window);
        Bucket bucket = buckets.merge(bucketKey(key, window, start), new Bucket(1, end),
                (old, one) -> new Bucket(old.hits() + 1, old.expiresAt()));
        return new WindowCount(bucket.hits(), end);
    }

    @Override
    public WindowCount count(String key, Duration window, Instant now) {
        Instant start = ThrottleCounterPort.windowStart(window, now);
        Bucket bucket = buckets.get(bucketKey(key, window, start));
        return new WindowCount(bucket == null ? 0 : bucket.hits(), start.plus(window));
    }

    @Override
    public int purgeExpired(Instant now) {
        int before = buckets.size();
        buckets.values().removeIf(bucket -> !bucket.expiresAt().isAfter(now));
        return Math.max(0, before - buckets.size());
    }

    private static String bucketKey(String key, Duration window, Instant start) {
        if (key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("throttle key too long");
        }
        return key + "|" + window.toMillis() + "|" + start.toEpochMilli();
    }
}
