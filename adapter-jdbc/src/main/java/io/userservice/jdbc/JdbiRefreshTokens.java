package io.userservice.jdbc;

import io.userservice.core.domain.RefreshToken;
import io.userservice.core.port.out.RefreshTokenPort;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Refresh tokens in the {@code refresh_tokens} table, keyed by token hash. */
final class JdbiRefreshTokens implements RefreshTokenPort {

    private final Jdbi jdbi;

    JdbiRefreshTokens(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void save(RefreshToken token) {
        jdbi.useHandle(handle -> insert(handle, token));
    }

    private static void insert(Handle handle, RefreshToken token) {
        handle.createUpdate("INSERT INTO refresh_tokens (token_hash, family_id, user_id, issued_at, expires_at,"
                        + " rotated_at, sealed_successor, revoked_at) VALUES (:hash, :family, :userId, :issuedAt,"
                        + " :expiresAt, :rotatedAt, :sealed, :revokedAt)")
                .bind("hash", token.tokenHash())
                .bind("family", token.familyId().toString())
                .bind("userId", token.userId())
                .bind("issuedAt", Millis.of(token.issuedAt()))
                .bind("expiresAt", Millis.of(token.expiresAt()))
                .bind("rotatedAt", Millis.of(token.rotatedAt()))
                .bind("sealed", token.sealedSuccessor())
                .bind("revokedAt", Millis.of(token.revokedAt()))
                .execute();
    }

    @Override
    public Optional<RefreshToken> findByHash(String tokenHash) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT token_hash, family_id, user_id, issued_at,"
                        + " expires_at, rotated_at, sealed_successor, revoked_at FROM refresh_tokens"
                        + " WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .map((row, ctx) -> token(row))
                .findOne());
    }

    /**
     * Marks the parent rotated only if it is neither rotated nor revoked, and only then inserts
     * the successor, in one transaction. The conditional update locks the parent row, so of
     * racing rotations exactly one changes it; the others change nothing and insert nothing.
     */
    @Override
    public boolean rotate(String parentHash, RefreshToken successor, byte[] sealedSuccessor, Instant at) {
        return ConflictRetry.retried(() -> jdbi.inTransaction(handle -> {
            int rotated = handle.createUpdate("UPDATE refresh_tokens SET rotated_at = :at, sealed_successor = :sealed"
                            + " WHERE token_hash = :hash AND rotated_at IS NULL AND revoked_at IS NULL")
                    .bind("at", Millis.of(at))
                    .bind("sealed", sealedSuccessor)
                    .bind("hash", parentHash)
                    .execute();
            if (rotated != 1) {
                return false;
            }
            insert(handle, successor);
            return true;
        }));
    }

    @Override
    public int revokeFamily(UUID familyId, Instant at) {
        return ConflictRetry.retried(() -> jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE refresh_tokens SET revoked_at = :at WHERE family_id = :family AND revoked_at IS NULL")
                .bind("at", Millis.of(at))
                .bind("family", familyId.toString())
                .execute()));
    }

    @Override
    public int revokeAllOfUser(long userId, Instant at) {
        return ConflictRetry.retried(() -> jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE refresh_tokens SET revoked_at = :at WHERE user_id = :userId AND revoked_at IS NULL")
                .bind("at", Millis.of(at))
                .bind("userId", userId)
                .execute()));
    }

    private static RefreshToken token(ResultSet row) throws SQLException {
        return new RefreshToken(row.getString("token_hash"), UUID.fromString(row.getString("family_id")),
                row.getLong("user_id"), Millis.read(row, "issued_at"), Millis.read(row, "expires_at"),
                Millis.read(row, "rotated_at"), row.getBytes("sealed_successor"), Millis.read(row, "revoked_at"));
    }
}
