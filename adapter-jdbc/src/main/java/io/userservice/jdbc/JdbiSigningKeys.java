package io.userservice.jdbc;

import io.userservice.core.port.out.SigningKeyPort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
                        "SELECT key_id, algorithm, private_jwk, created_at FROM signing_keys")
                .map((row, ctx) -> new StoredKey(row.getString("key_id"), row.getString("algorithm"),
                        row.getString("private_jwk"), Millis.read(row, "created_at")))
                .list()));
        // sorted here rather than by ORDER BY, so ties fall in Java's key id order whatever the collation
        keys.sort(OLDEST_FIRST);
        return keys;
    }

    @Override
    public void add(StoredKey key) {
        try {
            jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO signing_keys (key_id, algorithm, private_jwk,"
                            + " created_at) VALUES (:keyId, :algorithm, :privateJwk, :createdAt)")
                    .bind("keyId", key.keyId())
                    .bind("algorithm", key.algorithm())
                    .bind("privateJwk", key.privateJwk())
                    .bind("createdAt", Millis.of(key.createdAt()))
                    .execute());
        } catch (JdbiException e) {
            if (!SqlErrors.isUniqueViolation(e)) {
                throw e;
            }
        }
    }
}
