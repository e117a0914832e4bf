package io.userservice.jdbc;

import io.userservice.core.port.out.ConsumedTokenPort;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * One-time token uses in the {@code consumed_tokens} table. The primary key decides: of racing
 * inserts of one token id, on any number of instances, the database accepts exactly one.
 */
final class JdbiConsumedTokens implements ConsumedTokenPort {

    private final Jdbi jdbi;

    JdbiConsumedTokens(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean consumeOnce(String tokenId, Instant expiresAt) {
        try {
            jdbi.useHandle(handle -> handle.createUpdate(
                            "INSERT INTO consumed_tokens (token_id, expires_at) VALUES (:id, :expiresAt)")
                    .bind("id", tokenId)
                    .bind("expiresAt", Millis.of(expiresAt))
                    .execute());
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public int deleteExpiredBefore(Instant cutoff) {
        return ConflictRetry.retried(() -> jdbi.withHandle(handle -> handle.createUpdate(
                        "DELETE FROM consumed_tokens WHERE expires_at < :cutoff")
                .bind("cutoff", Millis.of(cutoff))
                .execute()));
    }
}
