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
        // counts only the records this call removed, so purges racing each other count each once
        int deleted = 0;
        for (var entry : consumed.entrySet()) {
            if (entry.getValue().isBefore(cutoff) && consumed.remove(entry.getKey(), entry.getValue())) {
                deleted++;
            }
        }
        return deleted;
    }
}
