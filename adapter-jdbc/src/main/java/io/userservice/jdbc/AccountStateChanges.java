package io.userservice.jdbc;

import java.time.Clock;
import org.jdbi.v3.core.Handle;

/**
 * How a change of a user's account state, or of their entry in the built-in directory (names,
 * email, language, confirmation, password, deletion), is made known to the other instances,
 * written in the transaction of the change itself, so a rolled-back change is known to no one:
 * on PostgreSQL a {@code NOTIFY}, delivered by the server at commit; elsewhere a row in
 * {@code account_state_changes} under the next version of the one-row counter, which instances
 * poll. Done by the store rather than by a trigger so that the three databases share one path
 * for the counter and no trigger language is needed.
 */
interface AccountStateChanges {

    /** The channel PostgreSQL notifies on; the payload is the user id. */
    String CHANNEL = "usersvc_account_state";

    void record(Handle handle, long userId);

    static AccountStateChanges notifying() {
        return (handle, userId) -> handle.createQuery("SELECT pg_notify('" + CHANNEL + "', :id)")
                .bind("id", Long.toString(userId))
                .mapTo(String.class)
                .findFirst();
    }

    /**
     * Raising the counter takes its row lock until the transaction ends, so changes commit in the
     * order of their versions and a poller never sees a version before a smaller one.
     */
    static AccountStateChanges counted(Clock clock) {
        return (handle, userId) -> {
            if (handle.createUpdate("UPDATE account_state_version SET version = version + 1 WHERE id = 1")
                    .execute() != 1) {
                throw new IllegalStateException("account_state_version has lost its row");
            }
            handle.createUpdate("INSERT INTO account_state_changes (version, user_id, changed_at)"
                            + " SELECT version, :id, :at FROM account_state_version WHERE id = 1")
                    .bind("id", userId)
                    .bind("at", clock.millis())
                    .execute();
        };
    }
}
