package io.userservice.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.Language;
import io.userservice.core.domain.Role;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** How an entry reads as a user: which attribute is the key, the email, the names, the language. */
final class EntryUsers {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final LdapSettings.LdapAttributes attributes;

    EntryUsers(LdapSettings.LdapAttributes attributes) {
        this.attributes = attributes;
    }

    /**
     * The entry's key: its {@link LdapSettings.LdapAttributes#key() key attribute} (the server's
     * {@code entryUUID} by default), or its normalized DN when it has none.
     */
    String keyOf(Entry entry) {
        String key = entry.getAttributeValue(attributes.key());
        return key == null || key.isBlank() ? normalizedDn(entry) : key;
    }

    /** Whether a key is a DN (an entry without the key attribute) rather than a key attribute's value. */
    static Optional<DN> asDn(String key) {
        if (key.indexOf('=') < 0) {
            return Optional.empty();
        }
        try {
            DN dn = new DN(key);
            return dn.isNullDN() ? Optional.empty() : Optional.of(dn);
        } catch (LDAPException e) {
            return Optional.empty();
        }
    }

    /** The user this entry describes, or empty when it has no valid email address. */
    Optional<DirectoryUser> userOf(Entry entry, Set<Role> roles) {
        Optional<Email> email = emailOf(entry);
        if (email.isEmpty()) {
            return Optional.empty();
        }
        String key = keyOf(entry);
        return Optional.of(new DirectoryUser(key, null, uniqueIdOf(key), email.get(),
                entry.getAttributeValue(attributes.firstname()), entry.getAttributeValue(attributes.lastname()),
                languageOf(entry.getAttributeValue(attributes.language())), 0, roles, true,
                instant(entry, "createTimestamp"), instant(entry, "modifyTimestamp")));
    }

    /**
     * The first value that is a valid address: an entry with several {@code mail} values is found
     * by each of them but always shows the first, so its tokens carry one email however it signed in.
     */
    private Optional<Email> emailOf(Entry entry) {
        String[] values = entry.getAttributeValues(attributes.email());
        if (values != null) {
            for (String value : values) {
                Optional<Email> email = Email.parse(value);
                if (email.isPresent()) {
                    return email;
                }
            }
        }
        return Optional.empty();
    }

    /** The entry's UUID when the key is one ({@code entryUUID}), else one derived from the key. */
    private static UUID uniqueIdOf(String key) {
        return UUID_TEXT.matcher(key).matches() ? UUID.fromString(key)
                : UUID.nameUUIDFromBytes(("ldap:" + key).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The language of {@code preferredLanguage}, which RFC 2798 writes like an HTTP
     * {@code Accept-Language} header ({@code de-CH, en;q=0.8}): its first tag when that is valid,
     * else the default.
     */
    static String languageOf(String preferred) {
        if (preferred == null) {
            return Language.DEFAULT;
        }
        String first = preferred.split(",", 2)[0].split(";", 2)[0].strip();
        try {
            return Language.of(first);
        } catch (InvalidInputException e) {
            return Language.DEFAULT;
        }
    }

    private static String normalizedDn(Entry entry) {
        try {
            return entry.getParsedDN().toNormalizedString();
        } catch (LDAPException e) {
            return entry.getDN();
        }
    }

    private static Instant instant(Entry entry, String attribute) {
        Date date = entry.getAttributeValueAsDate(attribute);
        return date == null ? null : date.toInstant();
    }
}
