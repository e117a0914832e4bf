package io.userservice.jdbc;

import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;

/**
 * Runs work again when the database gave it up to settle a conflict with another transaction (a
 * deadlock or a serialization failure). MariaDB and MySQL lock index ranges, so statements on
 * rows of one token family can deadlock even when each is a single atomic step. Only work that is
 * safe to repeat belongs here: the database rolled the failed attempt back entirely.
 */
final class ConflictRetry {

    private static final int ATTEMPTS = 5;

    private ConflictRetry() {
    }

    static <T> T retried(Supplier<T> work) {
        return retried(ATTEMPTS, SqlErrors::isTransactionConflict, work);
    }

    /** Runs the work up to {@code attempts} times while it fails in a way {@code retryable} accepts. */
    static <T> T retried(int attempts, Predicate<Throwable> retryable, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (JdbiException e) {
                if (!retryable.test(e) || attempt == attempts) {
                    throw e;
                }
            }
        }
    }
}
