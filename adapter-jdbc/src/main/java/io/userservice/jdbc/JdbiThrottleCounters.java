package io.userservice.jdbc;

import io.userservice.core.port.out.ThrottleCounterPort;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Throttle counters in the {@code throttle_counters} table, one row per key and window. A hit is
 * one transaction: add one to the row, or insert it when there is none, then read the count. The
 * update holds the row's lock until commit, so the count read is this hit's own. When racing
 * transactions both find no row, the database refuses the second insert (or breaks a deadlock on
 * MariaDB); that transaction was rolled back entirely and runs again, now finding the row.
 *
 * <p>A hit is often a request's first statement, so after a database restart it is the one that
 * meets the pooled connections the server has closed; each such failure evicts that connection
 * and the hit runs again, at most once per pooled connection, so the request itself succeeds on a
 * fresh one. (Were a commit itself lost, the retry would count one attempt twice, which errs on
 * the safe side.) Failing to get a connection at all is not retried.
 */
final class JdbiThrottleCounters implements ThrottleCounterPort {

    private static final int ATTEMPTS = 20;

    private final Jdbi jdbi;
    private final int connectionAttempts;

    JdbiThrottleCounters(Jdbi jdbi, int maxPoolSize) {
        this.jdbi = jdbi;
        this.connectionAttempts = maxPoolSize + 1;
    }

    @Override
    public WindowCount hit(String key, Duration window, Instant now) {
        Instant start = ThrottleCounterPort.windowStart(window, now);
        Instant end = start.plus(window);
        String row = rowKey(key, window, start);
        int hits = ConflictRetry.retried(connectionAttempts, JdbiThrottleCounters::isStaleConnection,
                () -> ConflictRetry.retried(ATTEMPTS,
                        e -> SqlErrors.isUniqueViolation(e) || SqlErrors.isTransactionConflict(e),
                        () -> jdbi.inTransaction(handle -> hitOnce(handle, row, end))));
        return new WindowCount(hits, end);
    }

    private static int hitOnce(Handle handle, String row, Instant end) {
        int updated = handle.createUpdate("UPDATE throttle_counters SET hits = hits + 1 WHERE counter_key = :key")
                .bind("key", row)
                .execute();
        if (updated == 0) {
            handle.createUpdate("INSERT INTO throttle_counters (counter_key, hits, expires_at)"
                            + " VALUES (:key, 1, :expiresAt)")
                    .bind("key", row)
                    .bind("expiresAt", Millis.of(end))
                    .execute();
            return 1;
        }
        return handle.createQuery("SELECT hits FROM throttle_counters WHERE counter_key = :key")
                .bind("key", row)
                .mapTo(Integer.class)
                .one();
    }

    @Override
    public WindowCount count(String key, Duration window, Instant now) {
        Instant start = ThrottleCounterPort.windowStart(window, now);
        int hits = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT hits FROM throttle_counters WHERE counter_key = :key")
                .bind("key", rowKey(key, window, start))
                .mapTo(Integer.class)
                .findOne()
                .orElse(0));
        return new WindowCount(hits, start.plus(window));
    }

    @Override
    public int purgeExpired(Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM throttle_counters WHERE expires_at <= :now")
                .bind("now", Millis.of(now))
                .execute());
    }

    private static boolean isStaleConnection(Throwable failure) {
        return !(failure instanceof ConnectionException) && SqlErrors.isConnectionFailure(failure);
    }

    private static String rowKey(String key, Duration window, Instant start) {
        if (key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("throttle key too long");
        }
        return key + "|" + window.toMillis() + "|" + start.toEpochMilli();
    }
}
