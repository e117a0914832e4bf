package io.userservice.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.port.StoreUnavailableException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

class ConflictRetryTest {

    /** What a database answers when it gave the transaction up to settle a deadlock (SQLState 40001). */
    private static JdbiException deadlock() {
        return new UnableToExecuteStatementException(new SQLException("Deadlock found when trying to get lock", "40001"),
                null);
    }

    private static JdbiException uniqueViolation() {
        return new UnableToExecuteStatementException(new SQLException("Duplicate entry", "23000", 1062), null);
    }

    @Test
    void workThatStillConflictsAtItsLastAttemptIsAnUnavailableStoreNotABug() {
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> ConflictRetry.retried(3, SqlErrors::isTransactionConflict, () -> {
            runs.incrementAndGet();
            throw deadlock();
        })).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("database busy")
                .hasMessageContaining("3 times")
                .cause().isInstanceOf(UnableToExecuteStatementException.class);
        assertThat(runs).hasValue(3);
    }

    @Test
    void aConflictBeforeTheLastAttemptRunsTheWorkAgain() {
        AtomicInteger runs = new AtomicInteger();

        String result = ConflictRetry.retried(3, SqlErrors::isTransactionConflict, () -> {
            if (runs.incrementAndGet() < 3) {
                throw deadlock();
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(runs).hasValue(3);
    }

    @Test
    void aRetriedUniqueViolationThatOutlastsTheAttemptsKeepsItsKind() {
        AtomicInteger runs = new AtomicInteger();
        JdbiException violation = uniqueViolation();

        assertThatThrownBy(() -> ConflictRetry.retried(2,
                e -> SqlErrors.isUniqueViolation(e) || SqlErrors.isTransactionConflict(e), () -> {
                    runs.incrementAndGet();
                    throw violation;
                })).isSameAs(violation);
        assertThat(runs).hasValue(2);
    }

    @Test
    void aFailureTheCallerDoesNotRetryPassesAtOnceAndUnchanged() {
        AtomicInteger runs = new AtomicInteger();
        JdbiException conflict = deadlock();

        assertThatThrownBy(() -> ConflictRetry.retried(5, SqlErrors::isUniqueViolation, () -> {
            runs.incrementAndGet();
            throw conflict;
        })).isSameAs(conflict);
        assertThat(runs).hasValue(1);
    }
}
