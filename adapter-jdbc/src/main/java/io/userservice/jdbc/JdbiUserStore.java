package io.userservice.jdbc;

import io.userservice.core.domain.Email;
import io.userservice.core.domain.EmailAlreadyTakenException;
import io.userservice.core.domain.NewUser;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.port.out.LoadUserPort;
import io.userservice.core.port.out.SaveUserPort;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Users in the {@code users} table, their roles in {@code user_roles}. */
final class JdbiUserStore implements LoadUserPort, SaveUserPort {

    /** The user and its roles in one statement: one row per role, or one row with a null role. */
    private static final String SELECT_USER_WITH_ROLES = "SELECT u.id, u.unique_id, u.email, u.password_hash,"
            + " u.firstname, u.lastname, u.language, u.permission_level, u.confirmed, u.created_at, u.updated_at,"
            + " u.valid_after, u.deactivated_at, u.credential_epoch, r.role FROM users u LEFT JOIN user_roles r ON r.user_id = u.id";

    private final Jdbi jdbi;

    JdbiUserStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<User> findById(long id) {
        return find("u.id = :key", id);
    }

    @Override
    public Optional<User> findByEmail(Email email) {
        return find("u.email = :key", email.value());
    }

    private Optional<User> find(String condition, Object key) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT_USER_WITH_ROLES + " WHERE " + condition)
                .bind("key", key)
                .scanResultSet((rows, ctx) -> folded(rows.get())));
    }

    /** Folds the joined rows of one user into the user with all its roles. */
    private static Optional<User> folded(ResultSet rows) throws SQLException {
        if (!rows.next()) {
            return Optional.empty();
        }
        User user = userWithoutRoles(rows);
        Set<Role> roles = new HashSet<>();
        do {
            String role = rows.getString("role");
            if (role != null) {
                roles.add(new Role(role));
            }
        } while (rows.next());
        return Optional.of(roles.isEmpty() ? user : withRoles(user, Set.copyOf(roles)));
    }

    @Override
    public User create(NewUser user) {
        try {
            long id = jdbi.inTransaction(handle -> {
                long newId = insertUser(handle, user);
                insertRoles(handle, newId, user.roles());
                return newId;
            });
            return atStorePrecision(user.withId(id));
        } catch (JdbiException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new EmailAlreadyTakenException();
            }
            throw e;
        }
    }

    private static long insertUser(Handle handle, NewUser user) {
        return handle.createUpdate("INSERT INTO users (unique_id, email, password_hash, firstname, lastname,"
                        + " language, permission_level, confirmed, created_at, updated_at) VALUES (:uniqueId, :email,"
                        + " :passwordHash, :firstname, :lastname, :language, :permissionLevel, :confirmed,"
                        + " :createdAt, :createdAt)")
                .bind("uniqueId", user.uniqueId().toString())
                .bind("email", user.email().value())
                .bind("passwordHash", user.passwordHash())
                .bind("firstname", user.firstname())
                .bind("lastname", user.lastname())
                .bind("language", user.language())
                .bind("permissionLevel", user.permissionLevel())
                .bind("confirmed", user.confirmed())
                .bind("createdAt", Millis.of(user.createdAt()))
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    private static void insertRoles(Handle handle, long userId, Set<Role> roles) {
        if (roles.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("INSERT INTO user_roles (user_id, role) VALUES (:userId, :role)");
        for (Role role : roles) {
            batch.bind("userId", userId).bind("role", role.name()).add();
        }
        batch.execute();
    }

    @Override
    public boolean updateNames(long userId, String firstname, String lastname, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE users SET firstname = :firstname,"
                        + " lastname = :lastname, updated_at = :at WHERE id = :id")
                .bind("firstname", firstname)
                .bind("lastname", lastname)
                .bind("at", Millis.of(at))
                .bind("id", userId)
                .execute()) == 1;
    }

    @Override
    public boolean markConfirmed(long userId, Instant at) {
        return jdbi.withHandle(handle -> {
            int confirmed = handle.createUpdate("UPDATE users SET confirmed = :confirmed, updated_at = :at"
                            + " WHERE id = :id AND confirmed <> :confirmed")
                    .bind("confirmed", true)
                    .bind("at", Millis.of(at))
                    .bind("id", userId)
                    .execute();
            // a user confirmed before keeps the time of its last real change
            return confirmed == 1 || exists(handle, userId);
        });
    }

    private static boolean exists(Handle handle, long userId) {
        return handle.createQuery("SELECT COUNT(*) FROM users WHERE id = :id")
                .bind("id", userId)
                .mapTo(Integer.class)
                .one() > 0;
    }

    @Override
    public boolean updatePasswordHash(long userId, String newHash, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE users SET password_hash = :hash,"
                        + " updated_at = :at, valid_after = :at, credential_epoch = credential_epoch + 1 WHERE id = :id")
                .bind("hash", newHash)
                .bind("at", Millis.of(at))
                .bind("id", userId)
                .execute()) == 1;
    }

    @Override
    public boolean upgradePasswordHash(long userId, String expectedHash, String newHash, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE users SET password_hash = :hash,"
                        + " updated_at = :at WHERE id = :id AND password_hash = :expected")
                .bind("hash", newHash)
                .bind("at", Millis.of(at))
                .bind("id", userId)
                .bind("expected", expectedHash)
                .execute()) == 1;
    }

    @Override
    public boolean deactivate(long userId, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE users SET deactivated_at = :at,"
                        + " valid_after = :at, updated_at = :at, credential_epoch = credential_epoch + 1 WHERE id = :id")
                .bind("at", Millis.of(at))
                .bind("id", userId)
                .execute()) == 1;
    }

    @Override
    public boolean reactivate(long userId, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE users SET deactivated_at = NULL,"
                        + " updated_at = :at WHERE id = :id")
                .bind("at", Millis.of(at))
                .bind("id", userId)
                .execute()) == 1;
    }

    private static User userWithoutRoles(ResultSet row) throws SQLException {
        return new User(row.getLong("id"), UUID.fromString(row.getString("unique_id")),
                new Email(row.getString("email")), row.getString("password_hash"), row.getString("firstname"),
                row.getString("lastname"), row.getString("language"), row.getInt("permission_level"), Set.of(),
                row.getBoolean("confirmed"), Millis.read(row, "created_at"), Millis.read(row, "updated_at"),
                Millis.read(row, "valid_after"), Millis.read(row, "deactivated_at"), row.getLong("credential_epoch"));
    }

    private static User withRoles(User u, Set<Role> roles) {
        return new User(u.id(), u.uniqueId(), u.email(), u.passwordHash(), u.firstname(), u.lastname(), u.language(),
                u.permissionLevel(), roles, u.confirmed(), u.createdAt(), u.updatedAt(), u.validAfter(),
                u.deactivatedAt(), u.credentialEpoch());
    }

    private static User atStorePrecision(User u) {
        return new User(u.id(), u.uniqueId(), u.email(), u.passwordHash(), u.firstname(), u.lastname(), u.language(),
                u.permissionLevel(), u.roles(), u.confirmed(), Millis.atStorePrecision(u.createdAt()),
                Millis.atStorePrecision(u.updatedAt()), Millis.atStorePrecision(u.validAfter()),
                Millis.atStorePrecision(u.deactivatedAt()), u.credentialEpoch());
    }
}
