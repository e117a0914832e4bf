package io.userservice.core.port.out;

import java.util.function.Supplier;

/**
 * Runs work in one transaction of the service state: every write the work makes through the
 * state's ports (and through a user directory that lives in the same database) is committed
 * together when the work returns, or not at all when it throws. Calls nest: inner work joins the
 * outer transaction.
 *
 * <p>An implementation may run the work more than once when the database gave an attempt up to
 * settle a conflict with another transaction; each attempt is rolled back entirely before the
 * next, so the work must do nothing but calls to the state's ports. It must never commit part of
 * the work.
 */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
