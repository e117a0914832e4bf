package io.userservice.core.memory;

import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.SingleUseCode;
import io.userservice.core.port.out.SingleUseCodePort;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Single-use codes kept in memory; thread-safe, consumption is atomic. */
public final class InMemorySingleUseCodes implements SingleUseCodePort {

    private final Map<String, SingleUseCode> byHash = new HashMap<>();
    private final Set<String> used = new HashSet<>();

    @Override
    public synchronized void save(SingleUseCode code) {
        byHash.put(code.codeHash(), code);
    }

    @Override
    public synchronized Optional<Long> consume(String codeHash, CodePurpose purpose, Instant now) {
        if (!isUsable(codeHash, purpose, now)) {
            return Optional.empty();
        }
        SingleUseCode code = byHash.get(codeHash);
        used.add(codeHash);
        return Optional.of(code.userId());
    }

    @Override
    public synchronized boolean isUsable(String codeHash, CodePurpose purpose, Instant now) {
        SingleUseCode code = byHash.get(codeHash);
        return code != null && code.purpose() == purpose && !used.contains(codeHash) && now.isBefore(code.expiresAt());
    }

    @Override
    public synchronized int invalidateAll(long userId, CodePurpose purpose, Instant now) {
        int count = 0;
        for (SingleUseCode code : byHash.values()) {
            if (code.userId() == userId && code.purpose() == purpose && used.add(code.codeHash())) {
                count++;
            }
        }
        return count;
    }

    @Override
    public synchronized int deleteExpiredBefore(Instant cutoff) {
        int before = byHash.size();
        byHash.values().removeIf(code -> code.expiresAt().isBefore(cutoff));
        used.retainAll(byHash.keySet());
        return before - byHash.size();
    }

    @Override
    public synchronized int eraseUser(long userId) {
        int before = byHash.size();
        byHash.values().removeIf(code -> code.userId() == userId);
        used.retainAll(byHash.keySet());
        return before - byHash.size();
    }
}
