package io.userservice.jdbc;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Outcome;
import io.userservice.core.port.out.AuditLogPort;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The audit trail in the {@code audit_events} table, ordered by its generated id. */
final class JdbiAuditLog implements AuditLogPort {

    private final Jdbi jdbi;

    JdbiAuditLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void record(AuditEvent event) {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO audit_events (occurred_at, action, actor_id,"
                        + " subject_id, client_address, outcome, detail, request_id) VALUES (:at, :action, :actor,"
                        + " :subject, :address, :outcome, :detail, :requestId)")
                .bind("at", Millis.of(event.at()))
                .bind("action", event.action())
                .bind("actor", event.actorId())
                .bind("subject", event.subjectId())
                .bind("address", event.clientAddress())
                .bind("outcome", event.outcome())
                .bind("detail", event.detail())
                .bind("requestId", event.requestId())
                .execute());
    }

    @Override
    public List<AuditEntry> newest(Long beforeId, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id, occurred_at, action, actor_id, subject_id,"
                        + " client_address, outcome, detail, request_id FROM audit_events WHERE id < :before ORDER BY id DESC"
                        + " LIMIT :limit")
                .bind("before", beforeId == null ? Long.MAX_VALUE : beforeId)
                .bind("limit", limit)
                .map((rs, ctx) -> new AuditEntry(rs.getLong("id"), new AuditEvent(Millis.read(rs, "occurred_at"),
                        rs.getString("action"), nullableLong(rs, "actor_id"), nullableLong(rs, "subject_id"),
                        rs.getString("client_address"), rs.getString("outcome"), rs.getString("detail"),
                        rs.getString("request_id"))))
                .list());
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    @Override
    public List<AuditEntry> about(long userId, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id, occurred_at, action, actor_id, subject_id,"
                        + " client_address, outcome, detail FROM audit_events WHERE subject_id = :user"
                        + " UNION SELECT id, occurred_at, action, actor_id, subject_id, client_address, outcome, detail"
                        + " FROM audit_events WHERE actor_id = :user ORDER BY id DESC LIMIT :limit")
                .bind("user", userId)
                .bind("limit", limit)
                .map((rs, ctx) -> new AuditEntry(rs.getLong("id"), new AuditEvent(Millis.read(rs, "occurred_at"),
                        rs.getString("action"), nullableLong(rs, "actor_id"), nullableLong(rs, "subject_id"),
                        rs.getString("client_address"), rs.getString("outcome"), rs.getString("detail"))))
                .list());
    }

    @Override
    public Optional<Instant> latest(long subjectId, AuditAction action, Outcome outcome) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT MAX(occurred_at) FROM audit_events"
                        + " WHERE subject_id = :subject AND action = :action AND outcome = :outcome")
                .bind("subject", subjectId)
                .bind("action", action.storedForm())
                .bind("outcome", outcome.storedForm())
                .mapTo(Long.class)
                .findOne()
                .map(Instant::ofEpochMilli));
    }
}
