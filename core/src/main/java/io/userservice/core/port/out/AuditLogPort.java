package io.userservice.core.port.out;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Keeps the audit trail of security events, shared by every instance. */
public interface AuditLogPort {

    void record(AuditEvent event);

    /**
     * The newest events first, at most {@code limit} of them; when {@code beforeId} is given, only
     * events recorded before the one with that id. Ids are positive and increase with each event.
     */
    List<AuditEntry> newest(Long beforeId, int limit);

    /** When the latest event of this action and outcome about the user (as subject) was recorded. */
    Optional<Instant> latest(long subjectId, AuditAction action, Outcome outcome);

    /** The newest events with the user as actor or subject, at most {@code limit} of them, newest first. */
    List<AuditEntry> about(long userId, int limit);
}
