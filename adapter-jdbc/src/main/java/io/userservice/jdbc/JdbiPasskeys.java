package io.userservice.jdbc;

import io.userservice.core.domain.Passkey;
import io.userservice.core.port.out.PasskeyPort;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Passkeys in the {@code passkeys} table, found by a digest of their credential id (ids run to
 * 1023 bytes, too long for a unique index on every database), and users' handles in
 * {@code passkey_user_handles}.
 */
final class JdbiPasskeys implements PasskeyPort {

    private static final String COLUMNS = "id, user_id, credential_id, credential_record, sign_count, name,"
            + " created_at, last_used_at";

    private final Jdbi jdbi;

    JdbiPasskeys(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The unique insert decides; whoever loses reads the winner's handle. */
    @Override
    public String userHandle(long userId, String candidate) {
        Optional<String> stored = handleOf(userId);
        if (stored.isPresent()) {
            return stored.get();
        }
        try {
            jdbi.useHandle(handle -> handle.createUpdate(
                            "INSERT INTO passkey_user_handles (user_id, handle) VALUES (:userId, :handle)")
                    .bind("userId", userId)
                    .bind("handle", candidate)
                    .execute());
            return candidate;
        } catch (UnableToExecuteStatementException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                return handleOf(userId).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    private Optional<String> handleOf(long userId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT handle FROM passkey_user_handles WHERE user_id = :userId")
                .bind("userId", userId)
                .mapTo(String.class)
                .findOne());
    }

    @Override
    public Optional<Long> userWithHandle(String handle) {
        return jdbi.withHandle(h -> h.createQuery("SELECT user_id FROM passkey_user_handles WHERE handle = :handle")
                .bind("handle", handle)
                .mapTo(Long.class)
                .findOne());
    }

    @Override
    public boolean add(Passkey passkey) {
        try {
            jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO passkeys (id, user_id, credential_digest,"
                            + " credential_id, credential_record, sign_count, name, created_at, last_used_at)"
                            + " VALUES (:id, :userId, :digest, :credentialId, :record, :count, :name, :createdAt,"
                            + " :lastUsedAt)")
                    .bind("id", passkey.id())
                    .bind("userId", passkey.userId())
                    .bind("digest", digest(passkey.credentialId()))
                    .bind("credentialId", passkey.credentialId())
                    .bind("record", passkey.credentialRecord())
                    .bind("count", passkey.signCount())
                    .bind("name", passkey.name())
                    .bind("createdAt", Millis.of(passkey.createdAt()))
                    .bind("lastUsedAt", Millis.of(passkey.lastUsedAt()))
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
    public Optional<Passkey> findByCredentialId(byte[] credentialId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM passkeys WHERE credential_digest = :digest")
                .bind("digest", digest(credentialId))
                .map((rs, ctx) -> read(rs))
                .findOne());
    }

    @Override
    public List<Passkey> listOf(long userId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM passkeys WHERE user_id = :userId ORDER BY created_at, id")
                .bind("userId", userId)
                .map((rs, ctx) -> read(rs))
                .list());
    }

    @Override
    public boolean rename(long userId, String id, String name) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE passkeys SET name = :name WHERE id = :id AND user_id = :userId")
                .bind("name", name)
                .bind("id", id)
                .bind("userId", userId)
                .execute()) == 1;
    }

    @Override
    public boolean delete(long userId, String id) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM passkeys WHERE id = :id AND user_id = :userId")
                .bind("id", id)
                .bind("userId", userId)
                .execute()) == 1;
    }

    @Override
    public boolean recordUse(String id, long expectedCount, long newCount, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE passkeys SET sign_count = :newCount,"
                        + " last_used_at = :at WHERE id = :id AND sign_count = :expected")
                .bind("newCount", newCount)
                .bind("at", Millis.of(at))
                .bind("id", id)
                .bind("expected", expectedCount)
                .execute()) == 1;
    }

    @Override
    public int eraseUser(long userId) {
        return jdbi.inTransaction(handle -> {
            handle.createUpdate("DELETE FROM passkey_user_handles WHERE user_id = :userId")
                    .bind("userId", userId)
                    .execute();
            return handle.createUpdate("DELETE FROM passkeys WHERE user_id = :userId")
                    .bind("userId", userId)
                    .execute();
        });
    }

    private static Passkey read(ResultSet rs) throws SQLException {
        return new Passkey(rs.getString("id"), rs.getLong("user_id"), rs.getBytes("credential_id"),
                rs.getBytes("credential_record"), rs.getLong("sign_count"), rs.getString("name"),
                Millis.read(rs, "created_at"), Millis.read(rs, "last_used_at"));
    }

    private static String digest(byte[] credentialId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(credentialId));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
