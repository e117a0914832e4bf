package io.userservice.core.memory;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Outcome;
import io.userservice.core.port.out.AuditLogPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The audit trail kept in memory; an event's id is its position, counted from 1. Thread-safe. */
public final class InMemoryAuditLog implements AuditLogPort {

    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized void record(AuditEvent event) {
        events.add(event);
    }

    @Override
    public synchronized List<AuditEntry> newest(Long beforeId, int limit) {
        long start = beforeId == null ? events.size() : Math.min(beforeId - 1, events.size());
        List<AuditEntry> newestFirst = new ArrayList<>();
        for (long id = start; id >= 1 && newestFirst.size() < limit; id--) {
            newestFirst.add(new AuditEntry(id, events.get((int) id - 1)));
        }
        return newestFirst;
    }

    @Override
    public synchronized List<AuditEntry> about(long userId, int limit) {
        List<AuditEntry> newestFirst = new ArrayList<>();
        for (int id = events.size(); id >= 1 && newestFirst.size() < limit; id--) {
            AuditEvent event = events.get(id - 1);
            if (Long.valueOf(userId).equals(event.actorId()) || Long.valueOf(userId).equals(event.subjectId())) {
                newestFirst.add(new AuditEntry(id, event));
            }
        }
        return newestFirst;
    }

    @Override
    public synchronized Optional<Instant> latest(long subjectId, AuditAction action, Outcome outcome) {
        for (int id = events.size(); id >= 1; id--) {
            AuditEvent event = events.get(id - 1);
            if (Long.valueOf(subjectId).equals(event.subjectId()) && event.action().equals(action.storedForm())
                    && event.outcome().equals(outcome.storedForm())) {
                return Optional.of(event.at());
            }
        }
        return Optional.empty();
    }
}
