package io.userservice.jdbc;

import io.userservice.core.domain.PortalSession;
import io.userservice.core.port.out.PortalSessionPort;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Portal sessions in the {@code portal_sessions} table, keyed by the hash of their secret. */
final class JdbiPortalSessions implements PortalSessionPort {

    private final Jdbi jdbi;

    JdbiPortalSessions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void create(PortalSession session) {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO portal_sessions (session_hash, user_id, created_at,"
                        + " expires_at, epoch, amr) VALUES (:hash, :userId, :createdAt, :expiresAt, :epoch, :amr)")
                .bind("epoch", session.epoch())
                .bind("amr", session.amr())
                .bind("hash", session.sessionHash())
                .bind("userId", session.userId())
                .bind("createdAt", Millis.of(session.createdAt()))
                .bind("expiresAt", Millis.of(session.expiresAt()))
                .execute());
    }

    @Override
    public Optional<PortalSession> find(String sessionHash) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT session_hash, user_id, created_at, expires_at,"
                        + " epoch, amr FROM portal_sessions WHERE session_hash = :hash")
                .bind("hash", sessionHash)
                .map((rs, ctx) -> new PortalSession(rs.getString("session_hash"), rs.getLong("user_id"),
                        Millis.read(rs, "created_at"), Millis.read(rs, "expires_at"), rs.getLong("epoch"),
                        rs.getString("amr")))
                .findOne());
    }

    @Override
    public void end(String sessionHash, Instant at) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM portal_sessions WHERE session_hash = :hash")
                .bind("hash", sessionHash)
                .execute());
    }

    @Override
    public int deleteExpiredBefore(Instant cutoff) {
        return ConflictRetry.retried(() -> jdbi.withHandle(handle -> handle.createUpdate(
                        "DELETE FROM portal_sessions WHERE expires_at < :cutoff")
                .bind("cutoff", Millis.of(cutoff))
                .execute()));
    }

    @Override
    public int endAllOfUser(long userId, Instant at) {
        return eraseUser(userId);
    }

    @Override
    public int eraseUser(long userId) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM portal_sessions WHERE user_id = :userId")
                .bind("userId", userId)
                .execute());
    }
}
