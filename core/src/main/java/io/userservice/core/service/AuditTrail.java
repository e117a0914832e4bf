package io.userservice.core.service;

import io.userservice.core.domain.AuditEvent;
import io.userservice.core.port.out.AuditLogPort;
import io.userservice.core.port.out.RequestIdSource;
import java.time.Clock;

/**
 * Records security events in the audit log and writes each to the {@code io.userservice.audit}
 * logger. Callers pass only secret-free facts: ids, the client address, an outcome and a short
 * description; never a password, token or code, and never an email address.
 */
final class AuditTrail {

    private static final System.Logger LOG = System.getLogger("io.userservice.audit");

    private final AuditLogPort audit;
    private final Clock clock;
    private final RequestIdSource requestIds;

    AuditTrail(AuditLogPort audit, Clock clock) {
        this(audit, clock, RequestIdSource.none());
    }

    AuditTrail(AuditLogPort audit, Clock clock, RequestIdSource requestIds) {
        this.audit = audit;
        this.clock = clock;
        this.requestIds = requestIds;
    }

    void record(String action, Long actorId, Long subjectId, String clientAddress, String outcome, String detail) {
        AuditEvent event = new AuditEvent(clock.instant(), action, actorId, subjectId, clientAddress, outcome, detail,
                requestIds.current().orElse(null));
        audit.record(event);
        System.Logger.Level level = AuditEvent.SUCCESS.equals(outcome) ? System.Logger.Level.INFO
                : System.Logger.Level.WARNING;
        LOG.log(level, "audit: " + action + " " + outcome + " actor=" + actorId + " subject=" + subjectId
                + " from=" + clientAddress + (detail == null ? "" : " (" + detail + ")"));
    }

    /** An event about the user themself: the actor is the subject (or unknown). */
    void self(String action, Long userId, String clientAddress, String outcome, String detail) {
        record(action, userId, userId, clientAddress, outcome, detail);
    }
}
