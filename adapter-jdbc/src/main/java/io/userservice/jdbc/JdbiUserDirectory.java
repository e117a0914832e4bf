package io.userservice.jdbc;

import io.userservice.core.crypto.PasswordHashes;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.EmailAlreadyTakenException;
import io.userservice.core.domain.NewDirectoryUser;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.port.out.UserDirectory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The built-in user directory: the {@code users} table, with bcrypt (or imported) password hashes
 * compared by {@link PasswordHashes}, and every capability. Users keep the numeric ids the table
 * gives them. Every change of an entry is recorded with {@link AccountStateChanges}, as a change of
 * account state is, so that a copy of the entries kept by another instance can follow.
 */
final class JdbiUserDirectory implements UserDirectory {

    private static final String SELECT_USER = "SELECT id, unique_id, email, firstname, lastname, language,"
            + " permission_level, confirmed, created_at, updated_at FROM users";

    private static final String INSERT_USER = "INSERT INTO users (unique_id, email, password_hash, firstname,"
            + " lastname, language, permission_level, confirmed, created_at, updated_at) VALUES (:uniqueId, :email,"
            + " :passwordHash, :firstname, :lastname, :language, 0, :confirmed, :createdAt, :createdAt)";

    private final Jdbi jdbi;
    private final PasswordHashes hashes;
    private final AccountStateChanges changes;

    JdbiUserDirectory(Jdbi jdbi, PasswordHashes hashes, AccountStateChanges changes) {
        this.jdbi = jdbi;
        this.hashes = hashes;
        this.changes = changes;
    }

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public Set<DirectoryCapability> capabilities() {
        return EnumSet.allOf(DirectoryCapability.class);
    }

    @Override
    public boolean assignsIds() {
        return true;
    }

    @Override
    public Optional<DirectoryUser> findByKey(String key) {
        Optional<Long> id = idOf(key);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return jdbi.withHandle(handle -> handle.createQuery(SELECT_USER + " WHERE id = :id")
                .bind("id", id.get())
                .map((row, ctx) -> user(row))
                .findOne());
    }

    @Override
    public Optional<DirectoryUser> findByEmail(Email email) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT_USER + " WHERE email = :email")
                .bind("email", email.value())
                .map((row, ctx) -> user(row))
                .findOne());
    }

    @Override
    public Optional<String> passwordHash(String key) {
        return idOf(key).flatMap(id -> jdbi.withHandle(handle -> handle
                .createQuery("SELECT password_hash FROM users WHERE id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .findOne()));
    }

    /** Reads the hash afresh, so a password changed a moment ago is the one compared. */
    @Override
    public boolean checkPassword(DirectoryUser user, String password) {
        String hash = passwordHash(user.key()).orElse(null);
        if (!hashes.matches(password, hash)) {
            return false;
        }
        hashes.upgrade(password, hash).ifPresent(stronger -> replaceHash(user.key(), hash, stronger));
        return true;
    }

    @Override
    public void checkNoOnesPassword(String password) {
        hashes.matches(password, null);
    }

    /** Only if the hash is still {@code expected}: an upgrade never overwrites a password changed meanwhile. */
    private void replaceHash(String key, String expected, String replacement) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE users SET password_hash = :hash"
                        + " WHERE id = :id AND password_hash = :expected")
                .bind("hash", replacement)
                .bind("id", Long.parseLong(key))
                .bind("expected", expected)
                .execute());
    }

    @Override
    public DirectoryUser register(NewDirectoryUser user) {
        try {
            long id = jdbi.withHandle(handle -> handle.createUpdate(INSERT_USER)
                    .bind("uniqueId", user.uniqueId().toString())
                    .bind("email", user.email().value())
                    .bind("passwordHash", user.passwordHash())
                    .bind("firstname", user.firstname())
                    .bind("lastname", user.lastname())
                    .bind("language", user.language())
                    .bind("confirmed", user.confirmed())
                    .bind("createdAt", Millis.of(user.createdAt()))
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one());
            Instant created = Millis.atStorePrecision(user.createdAt());
            return new DirectoryUser(Long.toString(id), id, user.uniqueId(), user.email(), user.firstname(),
                    user.lastname(), user.language(), 0, Set.of(), user.confirmed(), created, created);
        } catch (JdbiException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new EmailAlreadyTakenException();
            }
            throw e;
        }
    }

    /**
     * One batched INSERT, then one query for the ids the table gave them (a batch's generated keys
     * are not returned alike by every driver). Run inside the import's transaction, a taken email
     * fails the whole batch.
     */
    @Override
    public List<DirectoryUser> registerAll(List<NewDirectoryUser> users) {
        if (users.isEmpty()) {
            return List.of();
        }
        try {
            Map<String, Long> ids = jdbi.inTransaction(handle -> {
                PreparedBatch batch = handle.prepareBatch(INSERT_USER);
                for (NewDirectoryUser user : users) {
                    batch.bind("uniqueId", user.uniqueId().toString())
                            .bind("email", user.email().value())
                            .bind("passwordHash", user.passwordHash())
                            .bind("firstname", user.firstname())
                            .bind("lastname", user.lastname())
                            .bind("language", user.language())
                            .bind("confirmed", user.confirmed())
                            .bind("createdAt", Millis.of(user.createdAt()))
                            .add();
                }
                batch.execute();
                Map<String, Long> byEmail = new HashMap<>();
                ValueLists.among(handle, "SELECT id, email FROM users", "email", String.class,
                                users.stream().map(user -> user.email().value()).toList())
                        .map((row, ctx) -> Map.entry(row.getString("email"), row.getLong("id")))
                        .forEach(entry -> byEmail.put(entry.getKey(), entry.getValue()));
                return byEmail;
            });
            List<DirectoryUser> registered = new ArrayList<>(users.size());
            for (NewDirectoryUser user : users) {
                long id = ids.get(user.email().value());
                Instant created = Millis.atStorePrecision(user.createdAt());
                registered.add(new DirectoryUser(Long.toString(id), id, user.uniqueId(), user.email(), user.firstname(),
                        user.lastname(), user.language(), 0, Set.of(), user.confirmed(), created, created));
            }
            return registered;
        } catch (JdbiException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new EmailAlreadyTakenException();
            }
            throw e;
        }
    }

    @Override
    public Set<Email> takenEmails(Collection<Email> emails) {
        if (emails.isEmpty()) {
            return Set.of();
        }
        return jdbi.withHandle(handle -> ValueLists.among(handle, "SELECT email FROM users", "email", String.class,
                        emails.stream().map(Email::value).toList())
                .mapTo(String.class)
                .map(Email::new)
                .collect(Collectors.toSet()));
    }

    /** A user confirmed before keeps the time of its last real change. */
    @Override
    public boolean markConfirmed(String key, Instant at) {
        return update(key, "UPDATE users SET confirmed = :confirmed, updated_at = :at WHERE id = :id"
                + " AND confirmed <> :confirmed", at, "confirmed", true) || findByKey(key).isPresent();
    }

    @Override
    public boolean setPasswordHash(String key, String passwordHash, Instant at) {
        return update(key, "UPDATE users SET password_hash = :hash, updated_at = :at WHERE id = :id",
                at, "hash", passwordHash);
    }

    @Override
    public boolean updateNames(String key, String firstname, String lastname, Instant at) {
        return changed(key, (handle, id) -> handle.createUpdate("UPDATE users SET firstname = :firstname,"
                        + " lastname = :lastname, updated_at = :at WHERE id = :id")
                .bind("firstname", firstname)
                .bind("lastname", lastname)
                .bind("at", Millis.of(at))
                .bind("id", id)
                .execute());
    }

    @Override
    public boolean updateLanguage(String key, String language, Instant at) {
        return update(key, "UPDATE users SET language = :language, updated_at = :at WHERE id = :id", at,
                "language", language);
    }

    /**
     * By id, after the key's id; the prefix is matched with LIKE, its own {@code %}, {@code _} and
     * the escape character escaped, so they match only themselves.
     */
    @Override
    public List<DirectoryUser> search(String prefix, String afterKey, int limit) {
        long after = afterKey == null ? 0 : idOf(afterKey).orElse(Long.MAX_VALUE);
        String lowered = prefix.toLowerCase(Locale.ROOT);
        String where = lowered.isEmpty() ? "" : " AND (email LIKE :pattern ESCAPE '!'"
                + " OR LOWER(firstname) LIKE :pattern ESCAPE '!' OR LOWER(lastname) LIKE :pattern ESCAPE '!')";
        return jdbi.withHandle(handle -> handle.createQuery(SELECT_USER + " WHERE id > :after" + where
                        + " ORDER BY id LIMIT :limit")
                .bind("after", after)
                .bind("pattern", lowered.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%")
                .bind("limit", limit)
                .map((row, ctx) -> user(row))
                .list());
    }

    @Override
    public boolean changeEmail(String key, Email email, Instant at) {
        try {
            return changed(key, (handle, id) -> handle.createUpdate("UPDATE users"
                            + " SET email = :email, updated_at = :at WHERE id = :id")
                    .bind("email", email.value())
                    .bind("at", Millis.of(at))
                    .bind("id", id)
                    .execute());
        } catch (JdbiException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new EmailAlreadyTakenException();
            }
            throw e;
        }
    }

    @Override
    public boolean delete(String key) {
        return changed(key, (handle, id) -> handle.createUpdate("DELETE FROM users WHERE id = :id")
                .bind("id", id)
                .execute());
    }

    private boolean update(String key, String sql, Instant at, String name, Object value) {
        return changed(key, (handle, id) -> handle.createUpdate(sql)
                .bind(name, value)
                .bind("at", Millis.of(at))
                .bind("id", id)
                .execute());
    }

    /**
     * Records the change, then runs {@code statement} on the user's row, in one transaction, so the
     * other instances' copies of the entry hear of it once it commits and a rolled-back change is
     * heard of by no one. Recorded first, so that on H2 and MariaDB the change counter's row is
     * locked before the user's, in the order a change of account state followed by a change of
     * the entry (a new password) takes them; a change that finds no row is reported all the same,
     * which only drops a copy.
     */
    private boolean changed(String key, RowChange statement) {
        Optional<Long> id = idOf(key);
        return id.isPresent() && ConflictRetry.retried(() -> jdbi.inTransaction(handle -> {
            changes.record(handle, id.get());
            return statement.apply(handle, id.get());
        })) == 1;
    }

    private interface RowChange {
        int apply(Handle handle, long id);
    }

    private static Optional<Long> idOf(String key) {
        try {
            return Optional.of(Long.parseLong(key));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static DirectoryUser user(ResultSet row) throws SQLException {
        long id = row.getLong("id");
        return new DirectoryUser(Long.toString(id), id, UUID.fromString(row.getString("unique_id")),
                new Email(row.getString("email")), row.getString("firstname"), row.getString("lastname"),
                row.getString("language"), row.getInt("permission_level"), Set.of(), row.getBoolean("confirmed"),
                Millis.read(row, "created_at"), Millis.read(row, "updated_at"));
    }
}
