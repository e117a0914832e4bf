package io.userservice.core.port.out;

import io.userservice.core.domain.AuditEvent;
import java.util.List;

/** Keeps the audit trail of security events, shared by every instance. */
public interface AuditLogPort {

    void record(AuditEvent event);

    /** The newest events first, at most {@code limit} of them, skipping the {@code offset} newest. */
    List<AuditEvent> newest(int offset, int limit);
}
