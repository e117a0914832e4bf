package io.userservice.jdbc;

import io.userservice.core.port.out.Transactions;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Transactions on the database. Jdbi keeps the open handle in a thread-local scope, so every store
 * on this {@link Jdbi} (the state's ports and the built-in directory) that runs inside the work
 * uses the transaction's handle, and their own {@code inTransaction} calls join it. When the
 * database gives the transaction up to settle a conflict (a deadlock, a serialization failure),
 * or a store tolerated a unique violation that PostgreSQL answers by failing the rest of the
 * transaction, or a store's upsert lost a race, the whole work runs again in a new transaction;
 * {@link ConflictRetry} does not repeat parts of it.
 */
final class JdbiTransactions implements Transactions {

    private static final int ATTEMPTS = 10;
    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private final Jdbi jdbi;

    JdbiTransactions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Whether the current thread runs inside a transaction of this class. */
    static boolean isActive() {
        return ACTIVE.get() != null;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (isActive()) {
            return work.get();
        }
        return ConflictRetry.retried(ATTEMPTS, e -> SqlErrors.isTransactionConflict(e)
                || SqlErrors.isInFailedTransaction(e) || SqlErrors.isUniqueViolation(e), () -> {
                    ACTIVE.set(Boolean.TRUE);
                    try {
                        return jdbi.inTransaction(handle -> work.get());
                    } finally {
                        ACTIVE.remove();
                    }
                });
    }
}
