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
 * @param validAfter      tokens issued before this instant no longer work (set by a password
 *                        change or reset and by deactivation); {@code null} when never set
 * @param deactivatedAt   when an administrator deactivated the user, {@code null} while active;
 *                        a deactivated user cannot sign in, refresh or use any token
 */
public record User(long id, UUID uniqueId, Email email, String passwordHash, String firstname,
                   String lastname, String language, int permissionLevel, Set<Role> roles,
                   boolean confirmed, Instant createdAt, Instant updatedAt, Instant validAfter,
                   Instant deactivatedAt) {

    public User {
        roles = Set.copyOf(roles);
    }

    /** A user without a valid-after instant who was never deactivated. */
    public User(long id, UUID uniqueId, Email email, String passwordHash, String firstname, String lastname,
                String language, int permissionLevel, Set<Role> roles, boolean confirmed, Instant createdAt,
                Instant updatedAt) {
        this(id, uniqueId, email, passwordHash, firstname, lastname, language, permissionLevel, roles, confirmed,
                createdAt, updatedAt, null, null);
    }

    /** Throws unless this user may obtain tokens; call only after the password was verified. */
    public void ensureMaySignIn() {
        if (deactivated()) {
            throw new InvalidCredentialsException();
        }
        if (!confirmed) {
            throw new EmailNotConfirmedException();
        }
    }

    public boolean deactivated() {
        return deactivatedAt != null;
    }

    /**
     * Whether a token or session that came into being at {@code issuedAt} still speaks for this
     * user: the user is active and the moment is not before {@link #validAfter()}. The comparison
     * is at millisecond precision, so a token minted right after a password reset works while
     * one from before it does not.
     */
    public boolean accepts(Instant issuedAt) {
        if (deactivated()) {
            return false;
        }
        return validAfter == null || issuedAt.toEpochMilli() >= validAfter.toEpochMilli();
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
                createdAt, at, validAfter, deactivatedAt);
    }

    public User confirmedAt(Instant at) {
        return new User(id, uniqueId, email, passwordHash, firstname, lastname, language,
                permissionLevel, roles, true, createdAt, at, validAfter, deactivatedAt);
    }

    /** The same user with a new password hash; tokens issued before {@code at} stop working. */
    public User withPasswordHash(String newHash, Instant at) {
        return new User(id, uniqueId, email, newHash, firstname, lastname, language,
                permissionLevel, roles, confirmed, createdAt, at, at, deactivatedAt);
    }

    /** The same user with an upgraded hash of the same password; tokens stay valid. */
    public User withUpgradedHash(String newHash, Instant at) {
        return new User(id, uniqueId, email, newHash, firstname, lastname, language,
                permissionLevel, roles, confirmed, createdAt, at, validAfter, deactivatedAt);
    }

    /** The same user deactivated at {@code at}; every token issued before stops working. */
    public User deactivatedAt(Instant at) {
        return new User(id, uniqueId, email, passwordHash, firstname, lastname, language,
                permissionLevel, roles, confirmed, createdAt, at, at, at);
    }

    /** The same user active again; tokens from before the deactivation stay invalid. */
    public User reactivatedAt(Instant at) {
        return new User(id, uniqueId, email, passwordHash, firstname, lastname, language,
                permissionLevel, roles, confirmed, createdAt, at, validAfter, null);
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", email=" + email + ", confirmed=" + confirmed
                + (deactivated() ? ", deactivated" : "") + "]";
    }
}
