package io.userservice.core.domain;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A user about to be stored for the first time; the store assigns the numeric id. */
public record NewUser(UUID uniqueId, Email email, String passwordHash, String firstname,
                      String lastname, String language, int permissionLevel, Set<Role> roles,
                      boolean confirmed, Instant createdAt) {

    public NewUser {
        roles = Set.copyOf(roles);
    }

    /** The stored user, once the store has given it {@code id}. */
    public User withId(long id) {
        return new User(id, uniqueId, email, passwordHash, firstname, lastname, language,
                permissionLevel, roles, confirmed, createdAt, createdAt);
    }

    @Override
    public String toString() {
        return "NewUser[email=" + email + "]";
    }
}
