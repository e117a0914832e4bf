package io.userservice.core.domain;

import java.time.Instant;

/**
 * A security-relevant event: what happened, who did it (the actor), to whom (the subject), from
 * which client address, and how it ended. Never holds a secret.
 *
 * @param actorId   the acting user, or null when unknown
 * @param subjectId the user acted upon, or null
 * @param outcome   {@code success} or {@code denied}
 * @param detail    a short, secret-free description, or null
 */
public record AuditEvent(Instant at, String action, Long actorId, Long subjectId, String clientAddress,
                         String outcome, String detail) {

    public static final String SUCCESS = "success";
    public static final String DENIED = "denied";
}
