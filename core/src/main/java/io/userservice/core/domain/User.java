package io.userservice.core.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A user as the service sees them: who they are in their directory ({@link DirectoryUser}) and
 * what the service keeps about them ({@link AccountState}). Immutable.
 *
 * @param id              the numeric id, shown to clients as {@code id}: the directory's own, or
 *                        one the service assigned at first sight
 * @param directoryKey    the directory's stable identifier of the user
 * @param uniqueId        a random, never reused identifier
 * @param email           the canonical email, unique among users
 * @param firstname       may be {@code null}
 * @param lastname        may be {@code null}
 * @param language        BCP 47 tag, see {@link Language}
 * @param permissionLevel the Nexudus API's numeric permission level (0 for ordinary users)
 * @param roles           the roles held, from the directory and granted through the service
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
public record User(long id, String directoryKey, UUID uniqueId, Email email, String firstname, String lastname,
                   String language, int permissionLevel, Set<Role> roles, boolean confirmed, Instant createdAt,
                   Instant updatedAt, Instant validAfter, Instant deactivatedAt, long credentialEpoch) {

    public User {
        roles = Set.copyOf(roles);
    }

    /** A user nothing was recorded about yet: never deactivated, at the first epoch. */
    public User(long id, String directoryKey, UUID uniqueId, Email email, String firstname, String lastname,
                String language, int permissionLevel, Set<Role> roles, boolean confirmed, Instant createdAt,
                Instant updatedAt) {
        this(id, directoryKey, uniqueId, email, firstname, lastname, language, permissionLevel, roles, confirmed,
                createdAt, updatedAt, null, null, 0);
    }

    /** The user with this id, as their directory knows them and with what the service keeps about them. */
    public static User of(long id, DirectoryUser known, AccountState state) {
        Set<Role> roles = new HashSet<>(known.roles());
        roles.addAll(state.roles());
        return new User(id, known.key(), known.uniqueId(), known.email(), known.firstname(), known.lastname(),
                known.language(), known.permissionLevel(), roles, known.confirmed(), known.createdAt(),
                known.updatedAt(), state.validAfter(), state.deactivatedAt(), state.credentialEpoch());
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

    @Override
    public String toString() {
        return "User[id=" + id + ", email=" + email + ", confirmed=" + confirmed
                + (deactivated() ? ", deactivated" : "") + "]";
    }
}
