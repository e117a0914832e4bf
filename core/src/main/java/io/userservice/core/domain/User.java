package io.userservice.core.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A registered person. Immutable: each change returns a new {@code User}.
 *
 * @param id              the store's numeric id, shown to clients as {@code id}
 * @param uniqueId        a random, never reused identifier
 * @param email           the canonical email, unique among users
 * @param passwordHash    the bcrypt hash of the password
 * @param firstname       may be {@code null}
 * @param lastname        may be {@code null}
 * @param language        BCP 47 tag, see {@link Language}
 * @param permissionLevel the seed API's numeric permission level (0 for ordinary users)
 * @param roles           the roles held
 * @param confirmed       whether the email has been confirmed; unconfirmed users cannot sign in
 */
public record User(long id, UUID uniqueId, Email email, String passwordHash, String firstname,
                   String lastname, String language, int permissionLevel, Set<Role> roles,
                   boolean confirmed, Instant createdAt, Instant updatedAt) {

    public User {
        roles = Set.copyOf(roles);
    }

    /** Throws unless this user may obtain tokens; call only after the password was verified. */
    public void ensureMaySignIn() {
        if (!confirmed) {
            throw new EmailNotConfirmedException();
        }
    }

    /** The names of the roles held, sorted. */
    public List<String> roleNames() {
        return roles.stream().map(Role::name).sorted().toList();
    }

    public boolean hasAnyRole(Collection<Role> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }

    /** The same user with both names replaced; the names are checked by {@link PersonName}. */
    public User renamed(String newFirstname, String newLastname, Instant at) {
        return new User(id, uniqueId, email, passwordHash, PersonName.check("firstname", newFirstname),
                PersonName.check("lastname", newLastname), language, permissionLevel, roles, confirmed,
                createdAt, at);
    }

    public User confirmedAt(Instant at) {
        return new User(id, uniqueId, email, passwordHash, firstname, lastname, language,
                permissionLevel, roles, true, createdAt, at);
    }

    public User withPasswordHash(String newHash, Instant at) {
        return new User(id, uniqueId, email, newHash, firstname, lastname, language,
                permissionLevel, roles, confirmed, createdAt, at);
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", email=" + email + ", confirmed=" + confirmed + "]";
    }
}
