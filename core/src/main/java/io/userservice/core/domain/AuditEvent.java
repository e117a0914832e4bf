package io.userservice.core.domain;

import java.time.Instant;

/**
 * A security-relevant event: what happened, who did it (the actor), to whom (the subject), from
 * which client address, and how it ended. Never holds a secret. The components are the stored
 * form, as every audit log keeps and returns it; the core builds events from typed facts with
 * {@link #of}.
 *
 * @param action    an {@link AuditAction}'s stored form
 * @param actorId   the acting user, or null when unknown or no user (see {@link Actor})
 * @param subjectId the user acted upon, or null
 * @param clientAddress the client address, or null when unknown
 * @param outcome   an {@link Outcome}'s stored form: {@code success}, {@code denied} or {@code throttled}
 * @param detail    a short, secret-free description, or null
 * @param requestId the id of the HTTP request that caused it ({@code X-Request-Id}), or null
 */
public record AuditEvent(Instant at, String action, Long actorId, Long subjectId, String clientAddress,
                         String outcome, String detail, String requestId) {

    /** An event outside any request (the command line, the background work). */
    public AuditEvent(Instant at, String action, Long actorId, Long subjectId, String clientAddress,
                      String outcome, String detail) {
        this(at, action, actorId, subjectId, clientAddress, outcome, detail, null);
    }

    /**
     * The event as the trail keeps it: each typed fact in its stored form. A named actor (one that
     * is no user) has no actor id and closes the detail with {@code "by <name>"}.
     */
    public static AuditEvent of(Instant at, AuditAction action, Actor actor, Long subjectId, ClientAddress from,
                                Outcome outcome, String detail, String requestId) {
        String storedDetail = actor.name().map(name -> (detail == null ? "" : detail + "; ") + "by " + name)
                .orElse(detail);
        return new AuditEvent(at, action.storedForm(), actor.userId().orElse(null), subjectId,
                from.value().orElse(null), outcome.storedForm(), storedDetail, requestId);
    }
}
