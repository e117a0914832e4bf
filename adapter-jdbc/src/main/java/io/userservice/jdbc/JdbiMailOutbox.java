package io.userservice.jdbc;

import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.NewOutboxMail;
import io.userservice.core.domain.OutboxMail;
import io.userservice.core.domain.SingleUseCode;
import io.userservice.core.port.out.MailOutboxPort;
import io.userservice.core.port.out.ServiceObserver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The mail outbox in the {@code mail_outbox} table, with the per-recipient counts in
 * {@code mail_send_counts}. A mail, its code and its count are written in one transaction. A
 * claim is one conditional update ({@code WHERE id = ? AND state = 'PENDING' AND next_attempt_at <= now}),
 * which works alike on every supported database: of racing dispatchers, only the one whose
 * update matched owns the mail. The claim writes the attempt it counted into
 * {@code claim_attempt}; renewing, marking sent, postponing and giving up are updates
 * conditional on that column, so they act only for the latest claim, and releasing the mail clears it.
 */
final class JdbiMailOutbox implements MailOutboxPort {

    private static final String PENDING = "PENDING";
    private static final String SENT = "SENT";
    private static final String GAVE_UP = "GAVE_UP";
    private static final int MAX_ERROR_LENGTH = 255;
    private static final int QUEUE_ATTEMPTS = 8;
    /** The condition under which a claim still holds its mail. */
    private static final String HELD = " WHERE id = :mailId AND state = :pending AND claim_attempt = :attempt";
    private static final String COLUMNS = "id, kind, recipient, language, firstname, lastname, code, message_key,"
            + " attempts, created_at, next_attempt_at, sent_at, gave_up_at, last_error";

    private final Jdbi jdbi;

    JdbiMailOutbox(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Counts, then stores. A first mail to a recipient inserts its count row; when another
     * transaction inserted it first, the whole transaction runs again and finds the row.
     */
    @Override
    public Optional<Long> queueWithCode(SingleUseCode code, NewOutboxMail mail, SendLimit limit) {
        return ConflictRetry.retried(QUEUE_ATTEMPTS,
                e -> SqlErrors.isUniqueViolation(e) || SqlErrors.isTransactionConflict(e),
                () -> jdbi.inTransaction(handle -> {
                    if (!counted(handle, mail, limit)) {
                        return Optional.<Long>empty();
                    }
                    insertCode(handle, code);
                    return Optional.of(insertMail(handle, mail));
                }));
    }

    private static boolean counted(Handle handle, NewOutboxMail mail, SendLimit limit) {
        long windowStart = Millis.of(limit.windowStart(mail.createdAt()));
        // MariaDB assigns left to right with the new values: mails must be set before window_start
        int updated = handle.createUpdate("UPDATE mail_send_counts"
                        + " SET mails = CASE WHEN window_start = :window THEN mails + 1 ELSE 1 END,"
                        + " window_start = :window"
                        + " WHERE recipient = :recipient AND (window_start <> :window OR mails < :max)")
                .bind("window", windowStart)
                .bind("recipient", mail.recipient())
                .bind("max", limit.maxMails())
                .execute();
        if (updated == 1) {
            return true;
        }
        boolean exists = handle.createQuery("SELECT COUNT(*) FROM mail_send_counts WHERE recipient = :recipient")
                .bind("recipient", mail.recipient())
                .mapTo(Integer.class)
                .one() > 0;
        if (exists) {
            return false;
        }
        handle.createUpdate("INSERT INTO mail_send_counts (recipient, window_start, mails)"
                        + " VALUES (:recipient, :window, 1)")
                .bind("recipient", mail.recipient())
                .bind("window", windowStart)
                .execute();
        return true;
    }

    private static void insertCode(Handle handle, SingleUseCode code) {
        handle.createUpdate("INSERT INTO single_use_codes (code_hash, purpose, user_id, created_at, expires_at,"
                        + " used_at) VALUES (:hash, :purpose, :userId, :createdAt, :expiresAt, NULL)")
                .bind("hash", code.codeHash())
                .bind("purpose", code.purpose().name())
                .bind("userId", code.userId())
                .bind("createdAt", Millis.of(code.createdAt()))
                .bind("expiresAt", Millis.of(code.expiresAt()))
                .execute();
    }

    private static long insertMail(Handle handle, NewOutboxMail mail) {
        return handle.createUpdate("INSERT INTO mail_outbox (kind, state, recipient, language, firstname, lastname,"
                        + " code, message_key, attempts, created_at, next_attempt_at, user_id) VALUES (:kind, :state,"
                        + " :recipient, :language, :firstname, :lastname, :code, :messageKey, 0, :createdAt,"
                        + " :createdAt, :userId)")
                .bind("kind", mail.kind().name())
                .bind("state", PENDING)
                .bind("recipient", mail.recipient())
                .bind("language", mail.language())
                .bind("firstname", mail.firstname())
                .bind("lastname", mail.lastname())
                .bind("code", mail.code())
                .bind("messageKey", mail.messageKey())
                .bind("createdAt", Millis.of(mail.createdAt()))
                .bind("userId", mail.userId())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    @Override
    public List<OutboxMail> claimDue(Instant now, Instant claimedUntil, int max) {
        if (max < 1) {
            return List.of();
        }
        return jdbi.withHandle(handle -> {
            List<Long> candidates = handle.createQuery("SELECT id FROM mail_outbox WHERE state = :pending"
                            + " AND next_attempt_at <= :now ORDER BY next_attempt_at, id LIMIT :limit")
                    .bind("pending", PENDING)
                    .bind("now", Millis.of(now))
                    .bind("limit", max)
                    .mapTo(Long.class)
                    .list();
            List<OutboxMail> claimed = new ArrayList<>();
            for (long id : candidates) {
                // MariaDB assigns left to right with the new values: claim_attempt must be set before attempts
                int won = handle.createUpdate("UPDATE mail_outbox SET next_attempt_at = :until,"
                                + " claim_attempt = attempts + 1, attempts = attempts + 1"
                                + " WHERE id = :id AND state = :pending AND next_attempt_at <= :now")
                        .bind("until", Millis.of(claimedUntil))
                        .bind("id", id)
                        .bind("pending", PENDING)
                        .bind("now", Millis.of(now))
                        .execute();
                if (won == 1) {
                    find(handle, id).ifPresent(claimed::add);
                }
            }
            return claimed;
        });
    }

    @Override
    public boolean renewClaim(Claim claim, Instant claimedUntil) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE mail_outbox SET next_attempt_at = :until"
                        + HELD)
                .bind("until", Millis.of(claimedUntil))
                .bind("mailId", claim.mailId())
                .bind("attempt", claim.attempt())
                .bind("pending", PENDING)
                .execute()) == 1;
    }

    @Override
    public boolean markSent(Claim claim, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE mail_outbox SET state = :sent, sent_at = :now,"
                        + " code = NULL, claim_attempt = NULL" + HELD)
                .bind("sent", SENT)
                .bind("now", Millis.of(now))
                .bind("mailId", claim.mailId())
                .bind("attempt", claim.attempt())
                .bind("pending", PENDING)
                .execute()) == 1;
    }

    @Override
    public boolean retryLater(Claim claim, Instant nextAttemptAt, String reason) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE mail_outbox SET next_attempt_at = :next,"
                        + " last_error = :reason, claim_attempt = NULL" + HELD)
                .bind("next", Millis.of(nextAttemptAt))
                .bind("reason", shortened(reason))
                .bind("mailId", claim.mailId())
                .bind("attempt", claim.attempt())
                .bind("pending", PENDING)
                .execute()) == 1;
    }

    @Override
    public boolean giveUp(Claim claim, Instant now, String reason) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE mail_outbox SET state = :gaveUp, gave_up_at = :now,"
                        + " code = NULL, last_error = :reason, claim_attempt = NULL" + HELD)
                .bind("gaveUp", GAVE_UP)
                .bind("now", Millis.of(now))
                .bind("reason", shortened(reason))
                .bind("mailId", claim.mailId())
                .bind("attempt", claim.attempt())
                .bind("pending", PENDING)
                .execute()) == 1;
    }

    @Override
    public int deleteFinishedBefore(Instant cutoff) {
        return jdbi.withHandle(handle -> {
            int deleted = handle.createUpdate("DELETE FROM mail_outbox WHERE created_at < :cutoff"
                            + " AND state <> :pending")
                    .bind("cutoff", Millis.of(cutoff))
                    .bind("pending", PENDING)
                    .execute();
            handle.createUpdate("DELETE FROM mail_send_counts WHERE window_start < :cutoff")
                    .bind("cutoff", Millis.of(cutoff))
                    .execute();
            return deleted;
        });
    }

    @Override
    public Optional<OutboxMail> find(long id) {
        return jdbi.withHandle(handle -> find(handle, id));
    }

    private static Optional<OutboxMail> find(Handle handle, long id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM mail_outbox WHERE id = :id")
                .bind("id", id)
                .map((row, ctx) -> read(row))
                .findOne();
    }

    private static OutboxMail read(ResultSet row) throws SQLException {
        return new OutboxMail(row.getLong("id"), MailKind.valueOf(row.getString("kind")), row.getString("recipient"),
                row.getString("language"), row.getString("firstname"), row.getString("lastname"),
                row.getString("code"), row.getString("message_key"), row.getInt("attempts"),
                Millis.read(row, "created_at"), Millis.read(row, "next_attempt_at"), Millis.read(row, "sent_at"),
                Millis.read(row, "gave_up_at"), row.getString("last_error"));
    }

    private static String shortened(String reason) {
        if (reason == null || reason.length() <= MAX_ERROR_LENGTH) {
            return reason;
        }
        return reason.substring(0, MAX_ERROR_LENGTH);
    }

    @Override
    public ServiceObserver.MailBacklog backlog(Instant now) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) AS pending, MIN(created_at) AS oldest"
                        + " FROM mail_outbox WHERE state = :pending")
                .bind("pending", PENDING)
                .map((rs, ctx) -> {
                    long oldest = rs.getLong("oldest");
                    boolean none = rs.wasNull();
                    long ageMillis = none ? 0 : Math.max(0, now.toEpochMilli() - oldest);
                    return new ServiceObserver.MailBacklog(rs.getLong("pending"), java.time.Duration.ofMillis(ageMillis));
                })
                .one());
    }

    @Override
    public Optional<Long> queue(NewOutboxMail mail, SendLimit limit) {
        return ConflictRetry.retried(QUEUE_ATTEMPTS,
                e -> SqlErrors.isUniqueViolation(e) || SqlErrors.isTransactionConflict(e),
                () -> jdbi.inTransaction(handle -> counted(handle, mail, limit)
                        ? Optional.of(insertMail(handle, mail)) : Optional.<Long>empty()));
    }

    @Override
    public int eraseRecipient(String recipient) {
        return ConflictRetry.retried(() -> jdbi.inTransaction(handle -> {
            handle.createUpdate("DELETE FROM mail_send_counts WHERE recipient = :recipient")
                    .bind("recipient", recipient)
                    .execute();
            return handle.createUpdate("DELETE FROM mail_outbox WHERE recipient = :recipient")
                    .bind("recipient", recipient)
                    .execute();
        }));
    }

    @Override
    public int eraseUser(long userId) {
        return ConflictRetry.retried(() -> jdbi.inTransaction(handle -> {
            handle.createUpdate("DELETE FROM mail_send_counts WHERE recipient IN"
                            + " (SELECT recipient FROM mail_outbox WHERE user_id = :userId)")
                    .bind("userId", userId)
                    .execute();
            return handle.createUpdate("DELETE FROM mail_outbox WHERE user_id = :userId")
                    .bind("userId", userId)
                    .execute();
        }));
    }
}
