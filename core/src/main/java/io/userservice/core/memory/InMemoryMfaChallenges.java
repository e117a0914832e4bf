package io.userservice.core.memory;

import io.userservice.core.domain.MfaChallenge;
import io.userservice.core.port.out.MfaChallengePort;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** MFA challenges kept in memory; thread-safe, use and failure counts decided under one lock. */
public final class InMemoryMfaChallenges implements MfaChallengePort {

    private final Map<String, MfaChallenge> byHash = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final Set<String> used = new HashSet<>();

    @Override
    public synchronized void save(MfaChallenge challenge) {
        byHash.put(challenge.tokenHash(), challenge);
    }

    @Override
    public synchronized Optional<MfaChallenge> findLive(String tokenHash, Instant now, int maxFailures) {
        MfaChallenge challenge = byHash.get(tokenHash);
        if (challenge == null || used.contains(tokenHash) || !now.isBefore(challenge.expiresAt())
                || failures.getOrDefault(tokenHash, 0) >= maxFailures) {
            return Optional.empty();
        }
        return Optional.of(challenge);
    }

    @Override
    public synchronized void countFailure(String tokenHash, int maxFailures) {
        if (byHash.containsKey(tokenHash) && !used.contains(tokenHash)) {
            failures.merge(tokenHash, 1, (old, one) -> Math.min(maxFailures, old + one));
        }
    }

    @Override
    public synchronized boolean consume(String tokenHash, Instant now, int maxFailures) {
        if (findLive(tokenHash, now, maxFailures).isEmpty()) {
            return false;
        }
        used.add(tokenHash);
        return true;
    }

    @Override
    public synchronized int deleteExpiredBefore(Instant cutoff) {
        int before = byHash.size();
        byHash.values().removeIf(challenge -> challenge.expiresAt().isBefore(cutoff));
        used.retainAll(byHash.keySet());
        failures.keySet().retainAll(byHash.keySet());
        return before - byHash.size();
    }

    @Override
    public synchronized int eraseUser(long userId) {
        int before = byHash.size();
        byHash.values().removeIf(challenge -> challenge.userId() == userId);
        used.retainAll(byHash.keySet());
        failures.keySet().retainAll(byHash.keySet());
        return before - byHash.size();
    }
}
