package io.userservice.core.memory;

import io.userservice.core.domain.PasskeyChallenge;
import io.userservice.core.port.out.PasskeyChallengePort;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** WebAuthn challenges in memory; a challenge is consumed by one atomic removal. */
final class InMemoryPasskeyChallenges implements PasskeyChallengePort {

    private final Map<String, PasskeyChallenge> challenges = new ConcurrentHashMap<>();

    @Override
    public void save(PasskeyChallenge challenge) {
        challenges.put(challenge.digest(), challenge);
    }

    @Override
    public boolean consume(String digest, PasskeyChallenge.Purpose purpose, Long userId, Instant now) {
        PasskeyChallenge found = challenges.get(digest);
        if (found == null || found.purpose() != purpose || !Objects.equals(found.userId(), userId)
                || !now.isBefore(found.expiresAt())) {
            return false;
        }
        return challenges.remove(digest, found);
    }

    @Override
    public int deleteExpiredBefore(Instant cutoff) {
        int[] removed = {0};
        challenges.values().removeIf(c -> {
            boolean expired = c.expiresAt().isBefore(cutoff);
            if (expired) {
                removed[0]++;
            }
            return expired;
        });
        return removed[0];
    }
}
