package io.userservice.core.port.out;

import io.userservice.core.domain.AccountChange;
import io.userservice.core.domain.AccountState;
import io.userservice.core.domain.Role;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What the service keeps about each user, by user id: the credential epoch, valid-after,
 * deactivation and the roles granted through the service (see {@link AccountState}). A user about
 * whom nothing was recorded is in the {@link AccountState#initial() initial} state. Every change is
 * one atomic step: an epoch raised by two changes at once is raised twice.
 */
public interface AccountStatePort {

    /** The user's state, read in one step. */
    AccountState stateOf(long userId);

    /**
     * Stores the change as it says, in one atomic step: the epoch raised in the store (so two
     * changes at once raise it twice), valid-after and the deactivation mark as given.
     */
    void apply(long userId, AccountChange change);

    /**
     * The states of several users (a page of a listing), each as {@link #stateOf} reads it; a
     * store on a database reads them with one query. The default reads them one by one.
     */
    default Map<Long, AccountState> statesOf(Collection<Long> userIds) {
        Map<Long, AccountState> states = new HashMap<>();
        for (long id : userIds) {
            states.put(id, stateOf(id));
        }
        return states;
    }

    /**
     * As {@link #apply}, but only while the epoch is still {@code expectedEpoch} and the user is not
     * deactivated, in one atomic step; false (changing nothing) otherwise, so a reset, deactivation
     * or role change that raised the epoch meanwhile wins.
     */
    boolean applyIfEpoch(long userId, long expectedEpoch, AccountChange change);

    /** After a password change or reset at {@code at} (see {@link AccountChange#passwordChanged}). */
    default void passwordChanged(long userId, Instant at) {
        apply(userId, AccountChange.passwordChanged(at));
    }

    /** As {@link #passwordChanged}, only while the user is active at {@code expectedEpoch} (see {@link #applyIfEpoch}). */
    default boolean passwordChangedIfEpoch(long userId, long expectedEpoch, Instant at) {
        return applyIfEpoch(userId, expectedEpoch, AccountChange.passwordChanged(at));
    }

    /** Deactivates the user at {@code at} (see {@link AccountChange#deactivation}). */
    default void deactivate(long userId, Instant at) {
        apply(userId, AccountChange.deactivation(at));
    }

    /** Clears the deactivation mark (see {@link AccountChange#reactivation}). */
    default void reactivate(long userId) {
        apply(userId, AccountChange.reactivation());
    }

    /** Grants a role; false when the user held it already (through the service). */
    boolean grant(long userId, Role role);

    /**
     * Takes a role granted through the service away and, in the same atomic step, raises the
     * epoch, so every token granted while the user held it stops working; false (changing
     * nothing) when the user did not hold it through the service.
     */
    boolean revoke(long userId, Role role);

    /** After the user signed out everywhere (see {@link AccountChange#signedOutEverywhere}). */
    default void signedOutEverywhere(long userId, Instant at) {
        apply(userId, AccountChange.signedOutEverywhere(at));
    }

    /** Erases what is kept about the user (state and roles granted through the service). */
    void erase(long userId);
}
