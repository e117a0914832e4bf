package io.userservice.jdbc;

import io.userservice.core.domain.TotpFactor;
import io.userservice.core.port.out.SecondFactorPort;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Authenticators in {@code mfa_totp} (one row per user) and recovery codes in
 * {@code mfa_recovery_codes}. Every single-use rule is one conditional update whose row count
 * decides, so instances sharing the database agree on the one winner.
 */
final class JdbiSecondFactors implements SecondFactorPort {

    private final Jdbi jdbi;

    JdbiSecondFactors(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Replaces a pending row, or inserts one; an insert that meets a row another call inserted at
     * the same moment tries the replacement once more, which fails only if that row is on.
     */
    @Override
    public boolean savePendingTotp(long userId, String storedSecret, Instant at) {
        if (replacePending(userId, storedSecret, at)) {
            return true;
        }
        try {
            jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO mfa_totp (user_id, secret, created_at,"
                            + " enabled_at, last_step) VALUES (:userId, :secret, :at, NULL, -1)")
                    .bind("userId", userId)
                    .bind("secret", storedSecret)
                    .bind("at", Millis.of(at))
                    .execute());
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (!SqlErrors.isUniqueViolation(e) || JdbiTransactions.isActive()) {
                throw e;
            }
            return replacePending(userId, storedSecret, at);
        }
    }

    private boolean replacePending(long userId, String storedSecret, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE mfa_totp SET secret = :secret, created_at = :at,"
                        + " last_step = -1 WHERE user_id = :userId AND enabled_at IS NULL")
                .bind("userId", userId)
                .bind("secret", storedSecret)
                .bind("at", Millis.of(at))
                .execute()) == 1;
    }

    @Override
    public boolean enableTotp(long userId, long usedStep, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE mfa_totp SET enabled_at = :at,"
                        + " last_step = :step WHERE user_id = :userId AND enabled_at IS NULL")
                .bind("userId", userId)
                .bind("step", usedStep)
                .bind("at", Millis.of(at))
                .execute()) == 1;
    }

    @Override
    public Optional<TotpFactor> totp(long userId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT user_id, secret, created_at, enabled_at, last_step"
                        + " FROM mfa_totp WHERE user_id = :userId")
                .bind("userId", userId)
                .map((row, ctx) -> new TotpFactor(row.getLong("user_id"), row.getString("secret"),
                        Millis.read(row, "created_at"), Millis.read(row, "enabled_at"), row.getLong("last_step")))
                .findOne());
    }

    /** The database lets one of racing updates move the step forward; the others match no row. */
    @Override
    public boolean useTotpStep(long userId, long step) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE mfa_totp SET last_step = :step"
                        + " WHERE user_id = :userId AND enabled_at IS NOT NULL AND last_step < :step")
                .bind("userId", userId)
                .bind("step", step)
                .execute()) == 1;
    }

    @Override
    public void replaceRecoveryCodes(long userId, List<String> codeHashes, Instant at) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("DELETE FROM mfa_recovery_codes WHERE user_id = :userId")
                    .bind("userId", userId)
                    .execute();
            PreparedBatch batch = handle.prepareBatch("INSERT INTO mfa_recovery_codes (user_id, code_hash,"
                    + " created_at, used_at) VALUES (:userId, :hash, :at, NULL)");
            for (String hash : codeHashes) {
                batch.bind("userId", userId).bind("hash", hash).bind("at", Millis.of(at)).add();
            }
            if (!codeHashes.isEmpty()) {
                batch.execute();
            }
        });
    }

    @Override
    public boolean useRecoveryCode(long userId, String codeHash, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE mfa_recovery_codes SET used_at = :at"
                        + " WHERE user_id = :userId AND code_hash = :hash AND used_at IS NULL")
                .bind("userId", userId)
                .bind("hash", codeHash)
                .bind("at", Millis.of(at))
                .execute()) == 1;
    }

    @Override
    public int recoveryCodesLeft(long userId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM mfa_recovery_codes"
                        + " WHERE user_id = :userId AND used_at IS NULL")
                .bind("userId", userId)
                .mapTo(Integer.class)
                .one());
    }

    @Override
    public boolean removeAll(long userId) {
        return jdbi.inTransaction(handle -> {
            handle.createUpdate("DELETE FROM mfa_recovery_codes WHERE user_id = :userId")
                    .bind("userId", userId)
                    .execute();
            int wasOn = handle.createUpdate("DELETE FROM mfa_totp WHERE user_id = :userId AND enabled_at IS NOT NULL")
                    .bind("userId", userId)
                    .execute();
            handle.createUpdate("DELETE FROM mfa_totp WHERE user_id = :userId")
                    .bind("userId", userId)
                    .execute();
            return wasOn == 1;
        });
    }
}
