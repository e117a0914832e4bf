package io.userservice.jdbc;

import io.userservice.core.port.out.UserAttributesPort;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Attributes in the {@code user_attributes} table, one row per user and key. */
final class JdbiUserAttributes implements UserAttributesPort {

    private static final int PUT_ATTEMPTS = 8;

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

    @Override
    public void put(long userId, String key, String value) {
        putWithin(userId, key, value, Integer.MAX_VALUE);
    }

    /**
     * Locks the user's row in {@code user_attribute_locks} first (making it when it is missing), so
     * one writer at a time counts and writes the user's attributes, on every instance. The first
     * puts for a user may race to make the row; the losers see a unique violation (or, on MariaDB,
     * a deadlock over the gap locks) and the whole transaction runs again, finding the row. The keys
     * are read with a locking read, so MariaDB's repeatable read counts the rows as committed by the
     * writer before, not as a snapshot of the transaction saw them.
     */
    @Override
    public boolean putWithin(long userId, String key, String value, int maxPerUser) {
        return ConflictRetry.retried(PUT_ATTEMPTS,
                e -> SqlErrors.isUniqueViolation(e) || SqlErrors.isTransactionConflict(e),
                () -> jdbi.inTransaction(handle -> {
                    lockAttributesOf(handle, userId);
                    Set<String> keys = new HashSet<>(handle.createQuery("SELECT attr_key FROM user_attributes"
                                    + " WHERE user_id = :userId FOR UPDATE")
                            .bind("userId", userId)
                            .mapTo(String.class)
                            .list());
                    if (keys.contains(key)) {
                        replace(handle, userId, key, value);
                        return true;
                    }
                    if (keys.size() >= maxPerUser) {
                        return false;
                    }
                    handle.createUpdate("INSERT INTO user_attributes (user_id, attr_key, attr_value)"
                                    + " VALUES (:userId, :key, :value)")
                            .bind("userId", userId)
                            .bind("key", key)
                            .bind("value", value)
                            .execute();
                    return true;
                }));
    }

    private static void lockAttributesOf(Handle handle, long userId) {
        boolean locked = handle.createQuery("SELECT user_id FROM user_attribute_locks WHERE user_id = :userId"
                        + " FOR UPDATE")
                .bind("userId", userId)
                .mapTo(Long.class)
                .findOne()
                .isPresent();
        if (!locked) {
            handle.createUpdate("INSERT INTO user_attribute_locks (user_id) VALUES (:userId)")
                    .bind("userId", userId)
                    .execute();
        }
    }

    private static void replace(Handle handle, long userId, String key, String value) {
        handle.createUpdate("UPDATE user_attributes SET attr_value = :value WHERE user_id = :userId AND attr_key = :key")
                .bind("value", value)
                .bind("userId", userId)
                .bind("key", key)
                .execute();
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
        return ConflictRetry.retried(() -> jdbi.inTransaction(handle -> {
            handle.createUpdate("DELETE FROM user_attribute_locks WHERE user_id = :userId")
                    .bind("userId", userId)
                    .execute();
            return handle.createUpdate("DELETE FROM user_attributes WHERE user_id = :userId")
                    .bind("userId", userId)
                    .execute();
        }));
    }
}
