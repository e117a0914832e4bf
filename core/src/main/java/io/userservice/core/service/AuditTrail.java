package io.userservice.core.service;

import io.userservice.core.domain.Actor;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Outcome;
import io.userservice.core.port.out.AuditLogPort;
import io.userservice.core.port.out.RequestIdSource;
import java.time.Clock;
import java.util.Objects;

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

    /**
     * Records an event. Each fact has its own type, so an actor cannot land where the address
     * goes; the trail and the log get their stored forms.
     */
    void record(AuditAction action, Actor actor, Long subjectId, ClientAddress from, Outcome outcome, String detail) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(outcome, "outcome");
        AuditEvent event = AuditEvent.of(clock.instant(), action, actor, subjectId, from, outcome, detail,
                requestIds.current().orElse(null));
        audit.record(event);
        System.Logger.Level level = outcome == Outcome.SUCCESS ? System.Logger.Level.INFO
                : System.Logger.Level.WARNING;
        LOG.log(level, "audit: " + event.action() + " " + event.outcome() + " actor=" + event.actorId()
                + " subject=" + event.subjectId() + " from=" + event.clientAddress()
                + (event.detail() == null ? "" : " (" + event.detail() + ")"));
    }

    /** An event about the user themself: the actor is the subject (or unknown). */
    void self(AuditAction action, Long userId, ClientAddress from, Outcome outcome, String detail) {
        record(action, Actor.userOrUnknown(userId), userId, from, outcome, detail);
    }
}
