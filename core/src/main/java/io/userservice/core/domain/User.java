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
 * @param credentialEpoch raised by every change that must end the user's sessions (a password
 *                        change or reset, deactivation, a role revoked); every token, refresh
 *                        family and portal session carries the epoch of the user as read when it
 *                        was granted, and works only while the user is still at that epoch. A
 *                        grant that races such a change therefore loses, however long its
 *                        password check took.
 */
public record User(long id, UUID uniqueId, Email email, String passwordHash, String firstname,
                   String lastname, String language, int permissionLevel, Set<Role> roles,
                   boolean confirmed, Instant createdAt, Instant updatedAt, Instant validAfter,
                   Instant deactivatedAt, long credentialEpoch) {

    public User {
        roles = Set.copyOf(roles);
    }

    /** A user at the first credential epoch. */
    public User(long id, UUID uniqueId, Email email, String passwordHash, String firstname, String lastname,
                String language, int permissionLevel, Set<Role> roles, boolean confirmed, Instant createdAt,
                Instant updatedAt, Instant validAfter, Instant deactivatedAt) {
        this(id, uniqueId, email, passwordHash, firstname, lastname, language, permissionLevel, roles, confirmed,
                createdAt, updatedAt, validAfter, deactivatedAt, 0);
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
     * Whether a token or session that came into being at {@code issuedAt}, granted at credential
     * epoch {@code epoch}, still speaks for this user: the user is active, still at that epoch, and
     * the moment is not before {@link #validAfter()} (compared to the millisecond; this also
     * covers tokens from before epochs were recorded).
     */
    public boolean accepts(Instant issuedAt, long epoch) {
        if (deactivated() || epoch != credentialEpoch) {
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
                createdAt, at, validAfter, deactivatedAt, credentialEpoch);
    }

    public User confirmedAt(Instant at) {
        return new User(id, uniqueId, email, passwordHash, firstname, lastname, language,
                permissionLevel, roles, true, createdAt, at, validAfter, deactivatedAt, credentialEpoch);
    }

    /** The same user with a new password hash at the next epoch: every earlier token stops working. */
    public User withPasswordHash(String newHash, Instant at) {
        return new User(id, uniqueId, email, newHash, firstname, lastname, language,
                permissionLevel, roles, confirmed, createdAt, at, at, deactivatedAt, credentialEpoch + 1);
    }

    /** The same user with an upgraded hash of the same password; tokens stay valid. */
    public User withUpgradedHash(String newHash, Instant at) {
        return new User(id, uniqueId, email, newHash, firstname, lastname, language,
                permissionLevel, roles, confirmed, createdAt, at, validAfter, deactivatedAt, credentialEpoch);
    }

    /** The same user deactivated at {@code at}, at the next epoch: every earlier token stops working. */
    public User deactivatedAt(Instant at) {
        return new User(id, uniqueId, email, passwordHash, firstname, lastname, language,
                permissionLevel, roles, confirmed, createdAt, at, at, at, credentialEpoch + 1);
    }

    /** The same user holding {@code role} too; tokens stay valid. */
    public User withRoleGranted(Role role) {
        Set<Role> more = new java.util.HashSet<>(roles);
        more.add(role);
        return new User(id, uniqueId, email, passwordHash, firstname, lastname, language,
                permissionLevel, more, confirmed, createdAt, updatedAt, validAfter, deactivatedAt, credentialEpoch);
    }

    /**
     * The same user without {@code role}, at the next epoch: tokens that still list the role stop
     * working here at once (elsewhere when they expire).
     */
    public User withRoleRevoked(Role role) {
        Set<Role> fewer = new java.util.HashSet<>(roles);
        fewer.remove(role);
        return new User(id, uniqueId, email, passwordHash, firstname, lastname, language,
                permissionLevel, fewer, confirmed, createdAt, updatedAt, validAfter, deactivatedAt,
                credentialEpoch + 1);
    }

    /** The same user active again; tokens from before the deactivation stay invalid. */
    public User reactivatedAt(Instant at) {
        return new User(id, uniqueId, email, passwordHash, firstname, lastname, language,
                permissionLevel, roles, confirmed, createdAt, at, validAfter, null, credentialEpoch);
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", email=" + email + ", confirmed=" + confirmed
                + (deactivated() ? ", deactivated" : "") + "]";
    }
}
