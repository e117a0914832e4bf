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
        int[] deleted = {0};
        sessions.values().removeIf(session -> {
            boolean expired = session.expiresAt().isBefore(cutoff);
            deleted[0] += expired ? 1 : 0;
            return expired;
        });
        return deleted[0];
    }
}
