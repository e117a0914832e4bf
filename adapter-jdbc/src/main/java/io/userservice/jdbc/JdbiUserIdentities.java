package io.userservice.jdbc;

import io.userservice.core.port.out.UserIdentitiesPort;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Ids for the users of directories without ids, in {@code user_identities}: its unique key on
 * (directory, key) lets the first of concurrent assignments win and the others read its id. The
 * directory the state belongs to is the single row of {@code directory_binding}.
 */
final class JdbiUserIdentities implements UserIdentitiesPort {

    private final Jdbi jdbi;

    JdbiUserIdentities(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public long idOf(String directory, String key) {
        Optional<Long> existing = find(directory, key);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO user_identities (directory, directory_key,"
                            + " created_at) VALUES (:directory, :key, :at)")
                    .bind("directory", directory)
                    .bind("key", key)
                    .bind("at", System.currentTimeMillis())
                    .execute());
        } catch (JdbiException e) {
            if (!SqlErrors.isUniqueViolation(e)) {
                throw e;
            }
        }
        return find(directory, key).orElseThrow(() -> new IllegalStateException("no id was assigned"));
    }

    private Optional<Long> find(String directory, String key) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM user_identities"
                        + " WHERE directory = :directory AND directory_key = :key")
                .bind("directory", directory)
                .bind("key", key)
                .mapTo(Long.class)
                .findOne());
    }

    @Override
    public Optional<String> keyOf(String directory, long id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT directory_key FROM user_identities"
                        + " WHERE id = :id AND directory = :directory")
                .bind("id", id)
                .bind("directory", directory)
                .mapTo(String.class)
                .findOne());
    }

    @Override
    public void bindTo(String directory) {
        Optional<String> bound = boundDirectory();
        if (bound.isEmpty()) {
            try {
                jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO directory_binding (id, directory)"
                                + " VALUES (1, :directory)")
                        .bind("directory", directory)
                        .execute());
            } catch (JdbiException e) {
                if (!SqlErrors.isUniqueViolation(e)) {
                    throw e;
                }
            }
            bound = boundDirectory();
        }
        if (bound.isPresent() && !bound.get().equals(directory)) {
            throw new IllegalStateException("this database holds the state of the users of directory '" + bound.get()
                    + "', not of directory '" + directory + "': their ids would collide");
        }
    }

    private Optional<String> boundDirectory() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT directory FROM directory_binding WHERE id = 1")
                .mapTo(String.class)
                .findOne());
    }
}
