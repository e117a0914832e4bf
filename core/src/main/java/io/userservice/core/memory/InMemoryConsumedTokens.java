package io.userservice.core.memory;

import io.userservice.core.port.out.ConsumedTokenPort;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/** One-time token uses kept in memory; thread-safe. */
public final class InMemoryConsumedTokens implements ConsumedTokenPort {

    private final ConcurrentHashMap<String, Instant> consumed = new ConcurrentHashMap<>();

    @Override
    public boolean consumeOnce(String tokenId, Instant expiresAt) {
        return consumed.putIfAbsent(tokenId, expiresAt) == null;
    }

    @Override
    public int deleteExpiredBefore(Instant cutoff) {
        int[] deleted = {0};
        consumed.entrySet().removeIf(entry -> {
            boolean expired = entry.getValue().isBefore(cutoff);
            deleted[0] += expired ? 1 : 0;
            return expired;
        });
        return deleted[0];
    }
}
