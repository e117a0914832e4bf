package io.userservice.jdbc;

import io.userservice.core.domain.Role;
import io.userservice.core.port.out.UserRolesPort;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Roles in the {@code user_roles} table; its primary key (user, role) keeps each grant unique. */
final class JdbiUserRoles implements UserRolesPort {

    private final Jdbi jdbi;

    JdbiUserRoles(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean grant(long userId, Role role) {
        try {
            return jdbi.withHandle(handle -> handle.createUpdate("INSERT INTO user_roles (user_id, role)"
                            + " SELECT id, :role FROM users WHERE id = :userId")
                    .bind("userId", userId)
                    .bind("role", role.name())
                    .execute()) == 1;
        } catch (UnableToExecuteStatementException e) {
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
            int deleted = handle.createUpdate("DELETE FROM user_roles WHERE user_id = :userId AND role = :role")
                    .bind("userId", userId)
                    .bind("role", role.name())
                    .execute();
            if (deleted != 1) {
                return false;
            }
            handle.createUpdate("UPDATE users SET credential_epoch = credential_epoch + 1 WHERE id = :userId")
                    .bind("userId", userId)
                    .execute();
            return true;
        }));
    }
}
