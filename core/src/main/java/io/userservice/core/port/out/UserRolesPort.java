package io.userservice.core.port.out;

import io.userservice.core.domain.Role;

/** Grants and revokes roles of stored users. */
public interface UserRolesPort {

    /** Returns false when the user already had the role or does not exist. */
    boolean grant(long userId, Role role);

    /**
     * Takes the role away and, in the same atomic step, raises the user's credential epoch, so
     * every token granted while the user held it stops working; returns false (changing nothing)
     * when the user did not have the role.
     */
    boolean revoke(long userId, Role role);
}
