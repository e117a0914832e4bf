package io.userservice.core.domain;

/**
 * A stored {@link AuditEvent} with its position in the trail: ids grow with every recorded event,
 * so "older than id N" is a stable cursor however many events arrive meanwhile.
 */
public record AuditEntry(long id, AuditEvent event) {
}
