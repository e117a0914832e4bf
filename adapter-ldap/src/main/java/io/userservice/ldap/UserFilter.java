package io.userservice.ldap;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import io.userservice.core.domain.Email;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The filter that finds a user, from a template such as
 * {@code (&(objectClass=inetOrgPerson)(mail={email}))}. The template is parsed once into the
 * SDK's filter tree; each lookup rebuilds the tree with the {@code {email}} components replaced
 * by filters the SDK encodes itself (RFC 4515 escaping of {@code *}, parentheses, backslash and
 * NUL), so no text a user typed is ever concatenated into a filter string.
 *
 * <p>Lookups by key and by DN reuse the template with the email condition swapped, so that the
 * rest of it (object classes, an account-enabled condition, a group) applies to every lookup.
 */
final class UserFilter {

    static final String EMAIL = "{email}";
    /** What {@code {email}} is replaced with before parsing: letters and dashes only, never escaped. */
    private static final String MARK = "usersvc-email-placeholder";

    private final Filter template;

    private UserFilter(Filter template) {
        this.template = template;
    }

    /** @throws IllegalArgumentException naming {@code setting} when the template is not usable */
    static UserFilter parse(String setting, String text) {
        if (!text.contains(EMAIL)) {
            throw new IllegalArgumentException(setting + " must contain " + EMAIL + ", as in "
                    + LdapSettings.DEFAULT_USER_FILTER + ", not '" + text + "'");
        }
        if (text.contains(MARK)) {
            throw new IllegalArgumentException(setting + " must not contain '" + MARK + "'");
        }
        Filter template;
        try {
            template = Filter.create(text.replace(EMAIL, MARK));
        } catch (LDAPException e) {
            throw new IllegalArgumentException(setting + " is not an LDAP filter: '" + text + "'");
        }
        if (!marksOnlyWholeEqualities(template)) {
            throw new IllegalArgumentException(setting + ": " + EMAIL + " may only stand as the whole value of an"
                    + " equality such as (mail=" + EMAIL + "), not in '" + text + "'");
        }
        return new UserFilter(template);
    }

    /** Entries of the user with this email. */
    Filter byEmail(Email email) {
        return replaced(template, attribute -> Filter.createEqualityFilter(attribute, email.value()));
    }

    /** Entries whose {@code keyAttribute} is {@code key}. */
    Filter byKey(String keyAttribute, String key) {
        return replaced(template, attribute -> Filter.createEqualityFilter(keyAttribute, key));
    }

    /** Entries that could be users: the template with any email at all (for a read by DN). */
    Filter anyEmail() {
        return replaced(template, Filter::createPresenceFilter);
    }

    /** False when the mark stands anywhere but as the whole value of an equality. */
    private static boolean marksOnlyWholeEqualities(Filter filter) {
        return switch (filter.getFilterType()) {
            case Filter.FILTER_TYPE_AND, Filter.FILTER_TYPE_OR -> {
                for (Filter component : filter.getComponents()) {
                    if (!marksOnlyWholeEqualities(component)) {
                        yield false;
                    }
                }
                yield true;
            }
            case Filter.FILTER_TYPE_NOT -> marksOnlyWholeEqualities(filter.getNOTComponent());
            case Filter.FILTER_TYPE_EQUALITY -> MARK.equals(filter.getAssertionValue())
                    || !filter.toString().contains(MARK);
            default -> !filter.toString().contains(MARK);
        };
    }

    private static Filter replaced(Filter filter, Function<String, Filter> email) {
        return switch (filter.getFilterType()) {
            case Filter.FILTER_TYPE_AND -> Filter.createANDFilter(replacedAll(filter.getComponents(), email));
            case Filter.FILTER_TYPE_OR -> Filter.createORFilter(replacedAll(filter.getComponents(), email));
            case Filter.FILTER_TYPE_NOT -> Filter.createNOTFilter(replaced(filter.getNOTComponent(), email));
            case Filter.FILTER_TYPE_EQUALITY -> MARK.equals(filter.getAssertionValue())
                    ? email.apply(filter.getAttributeName()) : filter;
            default -> filter;
        };
    }

    private static List<Filter> replacedAll(Filter[] components, Function<String, Filter> email) {
        List<Filter> replaced = new ArrayList<>(components.length);
        for (Filter component : components) {
            replaced.add(replaced(component, email));
        }
        return replaced;
    }

    @Override
    public String toString() {
        return template.toString().replace(MARK, EMAIL);
    }
}
