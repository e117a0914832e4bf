package io.userservice.jdbc;

import io.userservice.core.port.out.SigningKeyPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/** Signing keys in the {@code signing_keys} table, keyed by key id. */
final class JdbiSigningKeys implements SigningKeyPort {

    private static final Comparator<StoredKey> OLDEST_FIRST =
            Comparator.comparing(StoredKey::createdAt).thenComparing(StoredKey::keyId);

    private final Jdbi jdbi;

    JdbiSigningKeys(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<StoredKey> findAll() {
        List<StoredKey> keys = new ArrayList<>(jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT key_id, algorithm, private_jwk, created_at, retired_at, revoked_at FROM signing_keys")
                .map((row, ctx) -> new StoredKey(row.getString("key_id"), row.getString("algorithm"),
                        row.getString("private_jwk"), Millis.read(row, "created_at"), Millis.read(row, "retired_at"),
                        Millis.read(row, "revoked_at")))
                .list()));
        // sorted here rather than by ORDER BY, so ties fall in Java's key id order whatever the collation
        keys.sort(OLDEST_FIRST);
        return keys;
    }

    @Override
    public void add(StoredKey key) {
        try {
            jdbi.useHandle(handle -> insert(handle, key));
        } catch (JdbiException e) {
            if (!SqlErrors.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    @Override
    public boolean rotate(StoredKey key, Instant at) {
        try {
            return ConflictRetry.retried(() -> jdbi.inTransaction(handle -> {
                insert(handle, key);
                handle.createUpdate("UPDATE signing_keys SET retired_at = :at"
                                + " WHERE key_id <> :keyId AND retired_at IS NULL")
                        .bind("at", Millis.of(at))
                        .bind("keyId", key.keyId())
                        .execute();
                return true;
            }));
        } catch (JdbiException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean revoke(String keyId, Instant at) {
        return ConflictRetry.retried(() -> jdbi.withHandle(handle -> handle.createUpdate("UPDATE signing_keys"
                        + " SET revoked_at = :at, retired_at = COALESCE(retired_at, :at)"
                        + " WHERE key_id = :keyId AND revoked_at IS NULL")
                .bind("at", Millis.of(at))
                .bind("keyId", keyId)
                .execute())) == 1;
    }

    @Override
    public boolean replacePrivateJwk(String keyId, String expected, String replacement) {
        // compared in Java (CLOB columns cannot be compared in a WHERE clause on every database), under a
        // row lock so that of two instances sealing the same key at once the second sees the first's change
        return jdbi.inTransaction(handle -> {
            String current = handle.createQuery("SELECT private_jwk FROM signing_keys WHERE key_id = :keyId FOR UPDATE")
                    .bind("keyId", keyId)
                    .mapTo(String.class)
                    .findOne()
                    .orElse(null);
            if (!expected.equals(current)) {
                return false;
            }
            return handle.createUpdate("UPDATE signing_keys SET private_jwk = :replacement WHERE key_id = :keyId")
                    .bind("replacement", replacement)
                    .bind("keyId", keyId)
                    .execute() == 1;
        });
    }

    private static void insert(Handle handle, StoredKey key) {
        handle.createUpdate("INSERT INTO signing_keys (key_id, algorithm, private_jwk, created_at, retired_at)"
                        + " VALUES (:keyId, :algorithm, :privateJwk, :createdAt, :retiredAt)")
                .bind("keyId", key.keyId())
                .bind("algorithm", key.algorithm())
                .bind("privateJwk", key.privateJwk())
                .bind("createdAt", Millis.of(key.createdAt()))
                .bind("retiredAt", Millis.of(key.retiredAt()))
                .execute();
    }

    @Override
    public int deleteRetiredBefore(Instant cutoff) {
        return ConflictRetry.retried(() -> jdbi.withHandle(handle -> handle.createUpdate(
                        "DELETE FROM signing_keys WHERE retired_at < :cutoff")
                .bind("cutoff", Millis.of(cutoff))
                .execute()));
    }
}
