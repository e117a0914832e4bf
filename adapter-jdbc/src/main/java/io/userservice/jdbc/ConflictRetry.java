package io.userservice.jdbc;

import io.userservice.core.port.StoreUnavailableException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;

/**
 * Runs work again when the database gave it up to settle a conflict with another transaction (a
 * deadlock or a serialization failure). MariaDB and MySQL lock index ranges, so statements on
 * rows of one token family can deadlock even when each is a single atomic step. Only work that is
 * safe to repeat belongs here: the database rolled the failed attempt back entirely. Attempts wait
 * a short random time before trying again, growing with each attempt (up to a quarter of a
 * second), so transactions that just collided do not collide again in lockstep. Work that still
 * conflicts at its last attempt fails with {@link StoreUnavailableException}: nothing was changed,
 * and the caller may try again shortly (the REST API answers 503 with {@code Retry-After}).
 */
final class ConflictRetry {

    private static final int ATTEMPTS = 8;

    private ConflictRetry() {
    }

    static <T> T retried(Supplier<T> work) {
        return retried(ATTEMPTS, SqlErrors::isTransactionConflict, work);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 4L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs the work up to {@code attempts} times while it fails in a way {@code retryable} accepts.
     * Inside a {@link JdbiTransactions transaction} the work runs once: the database rolled back
     * the whole transaction, not just this work, so the transaction is what runs again.
     */
    static <T> T retried(int attempts, Predicate<Throwable> retryable, Supplier<T> work) {
        if (JdbiTransactions.isActive()) {
            return work.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (JdbiException e) {
                if (!retryable.test(e)) {
                    throw e;
                }
                if (attempt == attempts) {
                    throw SqlErrors.isTransactionConflict(e) ? new StoreUnavailableException(
                            "database busy: the work conflicted with other transactions " + attempts + " times", e) : e;
                }
                pause(attempt);
            }
        }
    }
}
