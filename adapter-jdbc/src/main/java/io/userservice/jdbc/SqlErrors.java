package io.userservice.jdbc;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Predicate;

/** Recognizes database failures by their SQLState and vendor code, whichever driver raised them. */
final class SqlErrors {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String INTEGRITY_VIOLATION = "23000";
    private static final int MYSQL_DUPLICATE_ENTRY = 1062;
    private static final int MYSQL_DUPLICATE_ENTRY_WITH_KEY_NAME = 1586;
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String POSTGRES_DEADLOCK = "40P01";
    private static final String POSTGRES_IN_FAILED_TRANSACTION = "25P02";
    private static final int MAX_DEPTH = 20;

    private SqlErrors() {
    }

    /** True when a unique or primary key constraint refused a row (H2, PostgreSQL, MariaDB/MySQL). */
    static boolean isUniqueViolation(Throwable failure) {
        return anySqlException(failure, SqlErrors::isUniqueViolation);
    }

    /** True when the database gave up a transaction to resolve a conflict; trying again may succeed. */
    static boolean isTransactionConflict(Throwable failure) {
        return anySqlException(failure, e -> SERIALIZATION_FAILURE.equals(e.getSQLState())
                || POSTGRES_DEADLOCK.equals(e.getSQLState()));
    }

    /**
     * True when PostgreSQL refuses a statement because an earlier one failed in the same
     * transaction (a unique violation that a store tolerated, say): the transaction has to start over.
     */
    static boolean isInFailedTransaction(Throwable failure) {
        return anySqlException(failure, e -> POSTGRES_IN_FAILED_TRANSACTION.equals(e.getSQLState()));
    }

    /**
     * True when the database could not be reached or dropped the connection: SQLState class 08,
     * PostgreSQL's 57P (server shutting down or starting), or the JDBC connection exceptions.
     */
    static boolean isConnectionFailure(Throwable failure) {
        return anySqlException(failure, e -> e instanceof SQLTransientConnectionException
                || e instanceof SQLNonTransientConnectionException
                || e.getSQLState() != null && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("57P")));
    }

    private static boolean isUniqueViolation(SQLException e) {
        String state = e.getSQLState();
        boolean mysqlDuplicate = INTEGRITY_VIOLATION.equals(state)
                && (e.getErrorCode() == MYSQL_DUPLICATE_ENTRY || e.getErrorCode() == MYSQL_DUPLICATE_ENTRY_WITH_KEY_NAME);
        return UNIQUE_VIOLATION.equals(state) || mysqlDuplicate;
    }

    private static boolean anySqlException(Throwable failure, Predicate<SQLException> test) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                SQLException next = sql;
                for (int chained = 0; next != null && chained < MAX_DEPTH; chained++, next = next.getNextException()) {
                    if (test.test(next)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
