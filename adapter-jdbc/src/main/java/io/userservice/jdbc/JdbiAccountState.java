package io.userservice.jdbc;

import io.userservice.core.domain.AccountChange;
import io.userservice.core.domain.AccountState;
import io.userservice.core.domain.Role;
import io.userservice.core.port.out.AccountStatePort;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Update;

/**
 * What the service keeps about each user: {@code account_state} (epoch, valid-after, deactivation)
 * and the roles granted through the service in {@code user_roles}. Every user with a role has a
 * state row (the grant makes one), so one LEFT JOIN reads it all. Epochs are raised by
 * {@code credential_epoch = credential_epoch + 1} in the database, never computed and written
 * back, so concurrent changes all count. What a change sets is the domain's {@link AccountChange};
 * this class only turns it into one statement. Every change is made known to the other instances
 * in its own transaction ({@link AccountStateChanges}).
 */
final class JdbiAccountState implements AccountStatePort {

    private final Jdbi jdbi;
    private final AccountStateChanges changes;

    JdbiAccountState(Jdbi jdbi, AccountStateChanges changes) {
        this.jdbi = jdbi;
        this.changes = changes;
    }

    @Override
    public AccountState stateOf(long userId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT s.credential_epoch, s.valid_after,"
                        + " s.deactivated_at, r.role FROM account_state s LEFT JOIN user_roles r ON r.user_id = s.user_id"
                        + " WHERE s.user_id = :id")
                .bind("id", userId)
                .scanResultSet((rows, ctx) -> folded(rows.get())));
    }

    /** One query for the page; a user with no row is in the initial state, as in {@link #stateOf}. */
    @Override
    public Map<Long, AccountState> statesOf(Collection<Long> userIds) {
        Map<Long, AccountState> states = new HashMap<>();
        userIds.forEach(id -> states.put(id, AccountState.initial()));
        if (userIds.isEmpty()) {
            return states;
        }
        jdbi.useHandle(handle -> ValueLists.among(handle, "SELECT s.user_id, s.credential_epoch, s.valid_after,"
                        + " s.deactivated_at, r.role FROM account_state s LEFT JOIN user_roles r"
                        + " ON r.user_id = s.user_id", "s.user_id", Long.class, List.copyOf(userIds))
                .scanResultSet((rows, ctx) -> {
                    ResultSet row = rows.get();
                    Set<Long> seen = new HashSet<>();
                    while (row.next()) {
                        long id = row.getLong("user_id");
                        if (seen.add(id)) {
                            states.put(id, new AccountState(row.getLong("credential_epoch"),
                                    Millis.read(row, "valid_after"), Millis.read(row, "deactivated_at"), Set.of()));
                        }
                        String role = row.getString("role");
                        if (role != null) {
                            states.put(id, states.get(id).withRole(new Role(role)));
                        }
                    }
                    return null;
                }));
        return states;
    }

    private static AccountState folded(ResultSet rows) throws SQLException {
        if (!rows.next()) {
            return AccountState.initial();
        }
        long epoch = rows.getLong("credential_epoch");
        Instant validAfter = Millis.read(rows, "valid_after");
        Instant deactivatedAt = Millis.read(rows, "deactivated_at");
        Set<Role> roles = new HashSet<>();
        do {
            String role = rows.getString("role");
            if (role != null) {
                roles.add(new Role(role));
            }
        } while (rows.next());
        return new AccountState(epoch, validAfter, deactivatedAt, roles);
    }

    @Override
    public void apply(long userId, AccountChange change) {
        ensureRow(userId);
        ConflictRetry.retried(() -> jdbi.inTransaction(handle -> recorded(handle, userId,
                update(handle, change, "WHERE user_id = :id").bind("id", userId).execute())));
    }

    @Override
    public boolean applyIfEpoch(long userId, long expectedEpoch, AccountChange change) {
        ensureRow(userId);
        return ConflictRetry.retried(() -> jdbi.inTransaction(handle -> recorded(handle, userId, update(handle, change,
                        "WHERE user_id = :id AND credential_epoch = :expected AND deactivated_at IS NULL")
                .bind("id", userId)
                .bind("expected", expectedEpoch)
                .execute()))) == 1;
    }

    /** The statement that stores {@code change} in the rows {@code where} selects; the rule is the change's. */
    private static Update update(Handle handle, AccountChange change, String where) {
        List<String> assignments = new ArrayList<>();
        if (change.raisesEpoch()) {
            assignments.add("credential_epoch = credential_epoch + 1");
        }
        if (change.validAfter() != null) {
            assignments.add("valid_after = :validAfter");
        }
        switch (change.deactivation()) {
            case SET -> assignments.add("deactivated_at = :deactivatedAt");
            case CLEAR -> assignments.add("deactivated_at = NULL");
            case KEEP -> { }
        }
        if (assignments.isEmpty()) {
            assignments.add("credential_epoch = credential_epoch");
        }
        Update update = handle.createUpdate("UPDATE account_state SET " + String.join(", ", assignments) + " " + where);
        if (change.validAfter() != null) {
            update.bind("validAfter", Millis.of(change.validAfter()));
        }
        if (change.deactivatedAt() != null) {
            update.bind("deactivatedAt", Millis.of(change.deactivatedAt()));
        }
        return update;
    }

    @Override
    public boolean grant(long userId, Role role) {
        ensureRow(userId);
        try {
            return jdbi.inTransaction(handle -> recorded(handle, userId, handle.createUpdate(
                            "INSERT INTO user_roles (user_id, role) VALUES (:id, :role)")
                    .bind("id", userId)
                    .bind("role", role.name())
                    .execute())) == 1;
        } catch (JdbiException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Deletes the grant and raises the epoch in one transaction, so both happen or neither. */
    @Override
    public boolean revoke(long userId, Role role) {
        return ConflictRetry.retried(() -> jdbi.inTransaction(handle -> {
            int deleted = handle.createUpdate("DELETE FROM user_roles WHERE user_id = :id AND role = :role")
                    .bind("id", userId)
                    .bind("role", role.name())
                    .execute();
            if (deleted != 1) {
                return false;
            }
            handle.createUpdate("UPDATE account_state SET credential_epoch = credential_epoch + 1 WHERE user_id = :id")
                    .bind("id", userId)
                    .execute();
            changes.record(handle, userId);
            return true;
        }));
    }

    /** Records the change of {@code userId} when the statement changed anything; returns its count. */
    private int recorded(Handle handle, long userId, int count) {
        if (count > 0) {
            changes.record(handle, userId);
        }
        return count;
    }

    /** A user nothing was recorded about gets the initial row; a row made concurrently is as good. */
    private void ensureRow(long userId) {
        try {
            jdbi.useHandle(handle -> insertInitial(handle, userId));
        } catch (JdbiException e) {
            if (!SqlErrors.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    private static void insertInitial(Handle handle, long userId) {
        if (handle.createQuery("SELECT COUNT(*) FROM account_state WHERE user_id = :id").bind("id", userId)
                .mapTo(Integer.class).one() == 0) {
            handle.createUpdate("INSERT INTO account_state (user_id, credential_epoch) VALUES (:id, 0)")
                    .bind("id", userId)
                    .execute();
        }
    }

    @Override
    public void erase(long userId) {
        ConflictRetry.retried(() -> jdbi.inTransaction(handle -> {
            int roles = handle.createUpdate("DELETE FROM user_roles WHERE user_id = :id").bind("id", userId).execute();
            return recorded(handle, userId, roles
                    + handle.createUpdate("DELETE FROM account_state WHERE user_id = :id").bind("id", userId).execute());
        }));
    }
}
