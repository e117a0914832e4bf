package io.userservice.jdbc;

import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.SingleUseCode;
import io.userservice.core.port.out.SingleUseCodePort;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Single-use codes in the {@code single_use_codes} table, keyed by code hash. */
final class JdbiSingleUseCodes implements SingleUseCodePort {

    private final Jdbi jdbi;

    JdbiSingleUseCodes(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void save(SingleUseCode code) {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO single_use_codes (code_hash, purpose, user_id,"
                        + " created_at, expires_at, used_at) VALUES (:hash, :purpose, :userId, :createdAt,"
                        + " :expiresAt, NULL)")
                .bind("hash", code.codeHash())
                .bind("purpose", code.purpose().name())
                .bind("userId", code.userId())
                .bind("createdAt", Millis.of(code.createdAt()))
                .bind("expiresAt", Millis.of(code.expiresAt()))
                .execute());
    }

    /**
     * One conditional update decides: the database lets exactly one of racing statements change
     * the row, and only the one that changed it learns the user.
     */
    @Override
    public Optional<Long> consume(String codeHash, CodePurpose purpose, Instant now) {
        return jdbi.withHandle(handle -> {
            int used = handle.createUpdate("UPDATE single_use_codes SET used_at = :now WHERE code_hash = :hash"
                            + " AND purpose = :purpose AND used_at IS NULL AND expires_at > :now")
                    .bind("now", Millis.of(now))
                    .bind("hash", codeHash)
                    .bind("purpose", purpose.name())
                    .execute();
            if (used != 1) {
                return Optional.empty();
            }
            return handle.createQuery("SELECT user_id FROM single_use_codes WHERE code_hash = :hash")
                    .bind("hash", codeHash)
                    .mapTo(Long.class)
                    .findOne();
        });
    }

    @Override
    public boolean isUsable(String codeHash, CodePurpose purpose, Instant now) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM single_use_codes"
                        + " WHERE code_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > :now")
                .bind("now", Millis.of(now))
                .bind("hash", codeHash)
                .bind("purpose", purpose.name())
                .mapTo(Integer.class)
                .one()) > 0;
    }

    @Override
    public int invalidateAll(long userId, CodePurpose purpose, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE single_use_codes SET used_at = :now"
                        + " WHERE user_id = :userId AND purpose = :purpose AND used_at IS NULL")
                .bind("now", Millis.of(now))
                .bind("userId", userId)
                .bind("purpose", purpose.name())
                .execute());
    }

    @Override
    public int deleteExpiredBefore(Instant cutoff) {
        return ConflictRetry.retried(() -> jdbi.withHandle(handle -> handle.createUpdate(
                        "DELETE FROM single_use_codes WHERE expires_at < :cutoff")
                .bind("cutoff", Millis.of(cutoff))
                .execute()));
    }

    @Override
    public int eraseUser(long userId) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM single_use_codes WHERE user_id = :userId")
                .bind("userId", userId)
                .execute());
    }
}
