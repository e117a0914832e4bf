package io.userservice.core.domain;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * What this service keeps about a user, whatever directory they live in: the credential epoch,
 * the valid-after instant and deactivation (see {@link User}), and the roles granted through this
 * service. Each change that must end the user's sessions raises the epoch by one.
 */
public record AccountState(long credentialEpoch, Instant validAfter, Instant deactivatedAt, Set<Role> roles) {

    public AccountState {
        roles = Set.copyOf(roles);
    }

    /** The state of a user nothing has been recorded about yet. */
    public static AccountState initial() {
        return new AccountState(0, null, null, Set.of());
    }

    /** After a password change or reset at {@code at}: every earlier token stops working. */
    public AccountState afterPasswordChange(Instant at) {
        return AccountChange.passwordChanged(at).applyTo(this);
    }

    /** Deactivated at {@code at}: every earlier token stops working. */
    public AccountState deactivated(Instant at) {
        return AccountChange.deactivation(at).applyTo(this);
    }

    /** Active again; tokens from before the deactivation stay invalid. */
    public AccountState reactivated() {
        return AccountChange.reactivation().applyTo(this);
    }

    /** Holding {@code role} too; tokens stay valid. */
    public AccountState withRole(Role role) {
        Set<Role> more = new HashSet<>(roles);
        more.add(role);
        return new AccountState(credentialEpoch, validAfter, deactivatedAt, more);
    }

    /** Without {@code role}, at the next epoch: tokens that list the role stop working here at once. */
    public AccountState withoutRole(Role role) {
        Set<Role> fewer = new HashSet<>(roles);
        fewer.remove(role);
        return new AccountState(credentialEpoch + 1, validAfter, deactivatedAt, fewer);
    }
}
