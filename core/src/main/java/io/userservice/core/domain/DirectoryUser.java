package io.userservice.core.domain;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A user as their directory knows them: who they are, not what this service keeps about them.
 *
 * @param key             the directory's stable identifier of the user, opaque to the core: the
 *                        numeric id of the built-in directory as text, an LDAP entry's
 *                        {@code entryUUID} (or its DN where there is none)
 * @param id              the numeric id the directory gives the user itself, or {@code null} when
 *                        the directory has none (then the service assigns one at first sight)
 * @param uniqueId        a random identifier that is never reused
 * @param email           the canonical email, unique in the directory
 * @param firstname       may be {@code null}
 * @param lastname        may be {@code null}
 * @param language        BCP 47 tag, see {@link Language}
 * @param permissionLevel the Nexudus API's numeric permission level (0 for ordinary users)
 * @param roles           the roles the directory grants (for example from LDAP groups); roles
 *                        granted through this service are kept apart, see {@link AccountState}
 * @param confirmed       whether the email has been confirmed; a directory that cannot register
 *                        users vouches for its emails itself
 */
public record DirectoryUser(String key, Long id, UUID uniqueId, Email email, String firstname, String lastname,
                            String language, int permissionLevel, Set<Role> roles, boolean confirmed,
                            Instant createdAt, Instant updatedAt) {

    public DirectoryUser {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a directory user has a key");
        }
        roles = Set.copyOf(roles);
    }

    @Override
    public String toString() {
        return "DirectoryUser[key=" + key + ", email=" + email + "]";
    }
}
