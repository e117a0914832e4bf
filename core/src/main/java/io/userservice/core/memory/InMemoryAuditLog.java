package io.userservice.core.memory;

import io.userservice.core.domain.AuditEvent;
import io.userservice.core.port.out.AuditLogPort;
import java.util.ArrayList;
import java.util.List;

/** The audit trail kept in memory; thread-safe. */
public final class InMemoryAuditLog implements AuditLogPort {

    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized void record(AuditEvent event) {
        events.add(event);
    }

    @Override
    public synchronized List<AuditEvent> newest(int offset, int limit) {
        List<AuditEvent> newestFirst = new ArrayList<>();
        for (int i = events.size() - 1 - offset; i >= 0 && newestFirst.size() < limit; i--) {
            newestFirst.add(events.get(i));
        }
        return newestFirst;
    }
}
