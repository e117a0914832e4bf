package io.userservice.core.memory;

import io.userservice.core.domain.PortalSession;
import io.userservice.core.port.out.PortalSessionPort;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Portal sessions kept in memory; thread-safe. */
public final class InMemoryPortalSessions implements PortalSessionPort {

    private final ConcurrentHashMap<String, PortalSession> sessions = new ConcurrentHashMap<>();

    @Override
    public void create(PortalSession session) {
        sessions.put(session.sessionHash(), session);
    }

    @Override
    public Optional<PortalSession> find(String sessionHash) {
        return Optional.ofNullable(sessions.get(sessionHash));
    }

    @Override
    public void end(String sessionHash, Instant at) {
        sessions.remove(sessionHash);
    }

    @Override
    public int deleteExpiredBefore(Instant cutoff) {
        return removeEach(session -> session.expiresAt().isBefore(cutoff));
    }

    /** Removes the matching sessions, counting only those this call removed (not a racing one). */
    private int removeEach(java.util.function.Predicate<PortalSession> matching) {
        int removed = 0;
        for (var entry : sessions.entrySet()) {
            if (matching.test(entry.getValue()) && sessions.remove(entry.getKey(), entry.getValue())) {
                removed++;
            }
        }
        return removed;
    }

    @Override
    public int endAllOfUser(long userId, Instant at) {
        return eraseUser(userId);
    }

    @Override
    public int eraseUser(long userId) {
        return removeEach(session -> session.userId() == userId);
    }
}
