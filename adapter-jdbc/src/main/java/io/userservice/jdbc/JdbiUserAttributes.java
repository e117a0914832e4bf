package io.userservice.jdbc;

import io.userservice.core.port.out.UserAttributesPort;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Attributes in the {@code user_attributes} table, one row per user and key. */
final class JdbiUserAttributes implements UserAttributesPort {

    private static final int PUT_ATTEMPTS = 3;

    private final Jdbi jdbi;

    JdbiUserAttributes(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Map<String, String> attributesOf(long userId) {
        // sorted here rather than by ORDER BY, so the order is Java's whatever the database collation
        SortedMap<String, String> attributes = new TreeMap<>();
        jdbi.useHandle(handle -> handle.createQuery("SELECT attr_key, attr_value FROM user_attributes"
                        + " WHERE user_id = :userId")
                .bind("userId", userId)
                .map((row, ctx) -> Map.entry(row.getString("attr_key"), row.getString("attr_value")))
                .forEach(entry -> attributes.put(entry.getKey(), entry.getValue())));
        return attributes;
    }

    /**
     * Updates the row, or inserts it when there is none. Two first puts of one key may race to
     * insert; the loser sees a unique violation and tries again, and then finds the row to update.
     * The two statements run outside a transaction on purpose: on MariaDB the update's gap lock,
     * held to the end of a transaction, turns such races into deadlocks.
     */
    @Override
    public void put(long userId, String key, String value) {
        ConflictRetry.retried(PUT_ATTEMPTS, e -> SqlErrors.isUniqueViolation(e) || SqlErrors.isTransactionConflict(e),
                () -> jdbi.withHandle(handle -> {
                    updateOrInsert(handle, userId, key, value);
                    return null;
                }));
    }

    private static void updateOrInsert(Handle handle, long userId, String key, String value) {
        int updated = handle.createUpdate("UPDATE user_attributes SET attr_value = :value"
                        + " WHERE user_id = :userId AND attr_key = :key")
                .bind("value", value)
                .bind("userId", userId)
                .bind("key", key)
                .execute();
        if (updated == 0) {
            handle.createUpdate("INSERT INTO user_attributes (user_id, attr_key, attr_value)"
                            + " VALUES (:userId, :key, :value)")
                    .bind("userId", userId)
                    .bind("key", key)
                    .bind("value", value)
                    .execute();
        }
    }

    @Override
    public boolean remove(long userId, String key) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM user_attributes"
                        + " WHERE user_id = :userId AND attr_key = :key")
                .bind("userId", userId)
                .bind("key", key)
                .execute()) > 0;
    }

    @Override
    public int count(long userId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM user_attributes"
                        + " WHERE user_id = :userId")
                .bind("userId", userId)
                .mapTo(Integer.class)
                .one());
    }

    @Override
    public int eraseUser(long userId) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM user_attributes WHERE user_id = :userId")
                .bind("userId", userId)
                .execute());
    }
}
