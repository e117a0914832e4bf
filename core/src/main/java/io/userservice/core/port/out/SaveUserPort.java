package io.userservice.core.port.out;

import io.userservice.core.domain.EmailAlreadyTakenException;
import io.userservice.core.domain.NewUser;
import io.userservice.core.domain.User;
import java.time.Instant;

/**
 * Creates users and changes their stored state. Each change is a targeted update of the fields
 * it names, so two concurrent changes of different fields never undo each other.
 */
public interface SaveUserPort {

    /**
     * Stores a new user and assigns its id.
     *
     * @throws EmailAlreadyTakenException when a user with the same email exists, also when the
     *                                    other user was created concurrently
     */
    User create(NewUser user);

    /** Sets the names; returns false when no such user exists. */
    boolean updateNames(long userId, String firstname, String lastname, Instant at);

    /** Marks the email confirmed; returns false when no such user exists. */
    boolean markConfirmed(long userId, Instant at);

    /**
     * Replaces the password hash unconditionally (reset, change), sets the user's valid-after
     * instant to {@code at} and raises the credential epoch by one, in one atomic step, so every
     * token granted before stops working, also one granted by a sign-in that checked the old
     * password while this ran; returns false when no such user exists.
     */
    boolean updatePasswordHash(long userId, String newHash, Instant at);

    /**
     * Replaces the password hash only if it is still {@code expectedHash}, so an upgrade of the
     * hash cost never overwrites a password that was changed in the meantime. Valid-after and the
     * credential epoch are kept.
     */
    boolean upgradePasswordHash(long userId, String expectedHash, String newHash, Instant at);

    /**
     * Marks the user deactivated at {@code at}, sets its valid-after instant to {@code at} and
     * raises the credential epoch by one, in one atomic step; returns false when no such user exists.
     */
    boolean deactivate(long userId, Instant at);

    /** Clears the deactivation mark, keeping valid-after; returns false when no such user exists. */
    boolean reactivate(long userId, Instant at);
}
