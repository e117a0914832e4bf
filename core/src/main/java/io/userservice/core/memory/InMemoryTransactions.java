package io.userservice.core.memory;

import io.userservice.core.port.out.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Transactions in memory. The in-memory stores apply most writes at once and cannot undo them;
 * what must not outlive a failed change, the webhook events, is applied only when the outermost
 * work returns ({@link #afterCommit}), and dropped when it throws.
 */
public final class InMemoryTransactions implements Transactions {

    private final ThreadLocal<List<Runnable>> pending = new ThreadLocal<>();

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (pending.get() != null) {
            return work.get();
        }
        List<Runnable> commits = new ArrayList<>();
        pending.set(commits);
        T result;
        try {
            result = work.get();
        } finally {
            pending.remove();
        }
        commits.forEach(Runnable::run);
        return result;
    }

    /** Runs the write when the current transaction succeeds, or at once outside a transaction. */
    void afterCommit(Runnable write) {
        List<Runnable> commits = pending.get();
        if (commits == null) {
            write.run();
        } else {
            commits.add(write);
        }
    }
}
