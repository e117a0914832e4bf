package io.userservice.core.port.out;

import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.EmailAlreadyTakenException;
import io.userservice.core.domain.NewDirectoryUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the users live and how their passwords are checked: the built-in directory (a table with
 * bcrypt hashes), a company directory (LDAP, which binds as the user), or a customer's own. The
 * service keeps everything else about users (sessions, tokens, attributes, roles it grants,
 * deactivation) in its own state, under the directory's {@link DirectoryUser#key() keys}.
 *
 * <p>Finding users and checking passwords is what every directory does. Writing is optional: a
 * directory declares its {@link #capabilities()}, and the service calls a writing method only when
 * the matching capability is declared (a directory may throw {@link UnsupportedOperationException}
 * from the others, as the defaults do).
 */
public interface UserDirectory {

    /**
     * A short, stable name of the directory ({@code jdbc}, {@code ldap} or a plug-in's own): the
     * service records which directory it assigned ids to.
     */
    String name();

    Set<DirectoryCapability> capabilities();

    /**
     * Whether every user of this directory has a numeric {@link DirectoryUser#id() id} of its
     * own, which the service then shows as the user's id; otherwise the service assigns ids.
     */
    boolean assignsIds();

    /**
     * The user with this key. An entry the directory has disabled is not found: the service then
     * refuses that user's tokens and sessions on their next use, as it does for a deleted one.
     */
    Optional<DirectoryUser> findByKey(String key);

    /**
     * Looks a user up by canonical email; the directory compares exactly, the core has normalized.
     * An entry the directory has disabled is not found.
     */
    Optional<DirectoryUser> findByEmail(Email email);

    /**
     * Whether {@code password} is the user's password now. It reads the credential afresh: a
     * password change that completed before this call is seen. False for an entry the directory
     * has disabled since it was found. May upgrade a stored hash, never changing which password it accepts.
     */
    boolean checkPassword(DirectoryUser user, String password);

    /**
     * Spends about the time of a {@link #checkPassword} that fails, for an email that belongs to
     * nobody, so that neither the answer nor its timing tells an unknown email from a wrong password.
     */
    void checkNoOnesPassword(String password);

    /**
     * Stores a new user ({@link DirectoryCapability#REGISTER}).
     *
     * @throws EmailAlreadyTakenException when the email is taken, also by a registration that ran
     *                                    at the same moment on another instance: of concurrent
     *                                    registrations of one email exactly one succeeds
     */
    default DirectoryUser register(NewDirectoryUser user) {
        throw new UnsupportedOperationException("this directory does not register users");
    }

    /**
     * Stores new users with distinct emails ({@link DirectoryCapability#REGISTER}), in the order
     * given; the import calls it inside one transaction per batch, and a directory on a database
     * writes them with one batched statement. The default registers them one by one.
     *
     * @throws EmailAlreadyTakenException when an email is taken; inside a transaction none of the
     *                                    users is then stored
     */
    default List<DirectoryUser> registerAll(List<NewDirectoryUser> users) {
        List<DirectoryUser> registered = new ArrayList<>(users.size());
        for (NewDirectoryUser user : users) {
            registered.add(register(user));
        }
        return registered;
    }

    /**
     * Those of {@code emails} (canonical) that belong to a user now; a directory on a database
     * answers with one query. The default looks each one up.
     */
    default Set<Email> takenEmails(Collection<Email> emails) {
        Set<Email> taken = new HashSet<>();
        for (Email email : emails) {
            if (findByEmail(email).isPresent()) {
                taken.add(email);
            }
        }
        return taken;
    }

    /** Marks the email confirmed ({@link DirectoryCapability#REGISTER}); false when there is no such user. */
    default boolean markConfirmed(String key, Instant at) {
        throw new UnsupportedOperationException("this directory does not confirm emails");
    }

    /**
     * Replaces the password with one of this hash, made by the service's password hasher
     * ({@link DirectoryCapability#CHANGE_PASSWORD}, {@link DirectoryCapability#RESET_PASSWORD});
     * false when there is no such user. A {@link #checkPassword} after it returns accepts only the
     * new password.
     */
    default boolean setPasswordHash(String key, String passwordHash, Instant at) {
        throw new UnsupportedOperationException("this directory does not change passwords");
    }

    /** Replaces both names ({@link DirectoryCapability#UPDATE_NAMES}); false when there is no such user. */
    default boolean updateNames(String key, String firstname, String lastname, Instant at) {
        throw new UnsupportedOperationException("this directory does not change names");
    }

    /**
     * Replaces the email ({@link DirectoryCapability#CHANGE_EMAIL}); false when there is no such user.
     *
     * @throws EmailAlreadyTakenException when another user has the address, also one who took it
     *                                    at the same moment on another instance
     */
    default boolean changeEmail(String key, Email email, Instant at) {
        throw new UnsupportedOperationException("this directory does not change emails");
    }

    /** Replaces the language ({@link DirectoryCapability#UPDATE_NAMES}); false when there is no such user. */
    default boolean updateLanguage(String key, String language, Instant at) {
        throw new UnsupportedOperationException("this directory does not change languages");
    }

    /**
     * Up to {@code limit} users whose email, first name or last name starts with {@code prefix},
     * compared case-insensitively ({@link DirectoryCapability#SEARCH}). In {@code prefix}, {@code %}
     * and {@code _} are characters like any other, never wildcards; an empty prefix matches everyone.
     * Users come in one fixed order of the directory's choosing (the built-in directory: by id);
     * with {@code afterKey}, only those after the user with that key in it, so a listing can go on
     * page by page without skipping or repeating a user when others are added or removed meanwhile.
     */
    default List<DirectoryUser> search(String prefix, String afterKey, int limit) {
        throw new UnsupportedOperationException("this directory does not search users");
    }

    /**
     * The user's password hash as stored, to export users with it to another instance; empty when
     * there is no such user or the directory keeps no hashes (it checks passwords elsewhere).
     */
    default Optional<String> passwordHash(String key) {
        return Optional.empty();
    }

    /** Removes the user ({@link DirectoryCapability#DELETE}); false when there is no such user. */
    default boolean delete(String key) {
        throw new UnsupportedOperationException("this directory does not delete users");
    }
}
