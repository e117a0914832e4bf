package io.userservice.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code USERSVC_LDAP_…} settings, read once and checked: a missing or bad value is an
 * {@link IllegalArgumentException} whose one-line message names the setting. Every default is
 * written here and nowhere else (the README's table repeats them).
 */
record LdapSettings(String host, int port, boolean ldaps, boolean startTls, DN bindDn, String bindPassword,
                    DN userBase, UserFilter userFilter, LdapAttributes attributes, RoleGroups roleGroups,
                    Filter disabledFilter, int poolSize, Duration connectTimeout, Duration responseTimeout,
                    Duration cacheTtl, int cacheSize) {

    static final String URL = "USERSVC_LDAP_URL";
    static final String STARTTLS = "USERSVC_LDAP_STARTTLS";
    static final String BIND_DN = "USERSVC_LDAP_BIND_DN";
    static final String BIND_PASSWORD = "USERSVC_LDAP_BIND_PASSWORD";
    static final String USER_BASE = "USERSVC_LDAP_USER_BASE";
    static final String USER_FILTER = "USERSVC_LDAP_USER_FILTER";
    static final String ATTR_EMAIL = "USERSVC_LDAP_ATTR_EMAIL";
    static final String ATTR_FIRSTNAME = "USERSVC_LDAP_ATTR_FIRSTNAME";
    static final String ATTR_LASTNAME = "USERSVC_LDAP_ATTR_LASTNAME";
    static final String ATTR_LANGUAGE = "USERSVC_LDAP_ATTR_LANGUAGE";
    static final String ATTR_KEY = "USERSVC_LDAP_ATTR_KEY";
    static final String ROLE_GROUPS = "USERSVC_LDAP_ROLE_GROUPS";
    static final String DISABLED_FILTER = "USERSVC_LDAP_DISABLED_FILTER";
    static final String POOL_SIZE = "USERSVC_LDAP_POOL_SIZE";
    static final String CONNECT_TIMEOUT = "USERSVC_LDAP_CONNECT_TIMEOUT";
    static final String RESPONSE_TIMEOUT = "USERSVC_LDAP_RESPONSE_TIMEOUT";
    static final String CACHE_TTL = "USERSVC_LDAP_CACHE_TTL";
    static final String CACHE_SIZE = "USERSVC_LDAP_CACHE_SIZE";

    static final String DEFAULT_USER_FILTER = "(&(objectClass=inetOrgPerson)(mail={email}))";
    /** The lock markers of OpenLDAP's ppolicy overlay and of 389 Directory Server / Red Hat IdM. */
    static final String DEFAULT_DISABLED_FILTER = "(|(pwdAccountLockedTime=*)(nsAccountLock=true))";
    /** The value of {@value #DISABLED_FILTER} that turns the marker check off. */
    static final String NONE = "none";
    static final int DEFAULT_POOL_SIZE = 10;
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(10);
    static final int DEFAULT_CACHE_SIZE = 10_000;

    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z][A-Za-z0-9-]*|[0-9]+(\\.[0-9]+)+");

    /** The attributes an entry's user is read from. */
    record LdapAttributes(String email, String firstname, String lastname, String language, String key) {

        String[] requested() {
            return new String[] {email, firstname, lastname, language, key, "createTimestamp", "modifyTimestamp"};
        }
    }

    static LdapSettings from(Map<String, String> settings) {
        Reader s = new Reader(settings);
        LDAPURL url = s.url();
        boolean ldaps = url.getScheme().equalsIgnoreCase("ldaps");
        boolean startTls = s.bool(STARTTLS, false);
        if (ldaps && startTls) {
            throw new IllegalArgumentException(STARTTLS + " must be false with an ldaps:// " + URL
                    + " (the connection is TLS from the start); use ldap:// for StartTLS");
        }
        String bindPassword = s.required(BIND_PASSWORD);
        LdapAttributes attributes = new LdapAttributes(s.attribute(ATTR_EMAIL, "mail"),
                s.attribute(ATTR_FIRSTNAME, "givenName"), s.attribute(ATTR_LASTNAME, "sn"),
                s.attribute(ATTR_LANGUAGE, "preferredLanguage"), s.attribute(ATTR_KEY, "entryUUID"));
        return new LdapSettings(url.getHost(), url.getPort(), ldaps, startTls, s.dn(BIND_DN, s.required(BIND_DN)),
                bindPassword, s.dn(USER_BASE, s.required(USER_BASE)),
                UserFilter.parse(USER_FILTER, s.text(USER_FILTER, DEFAULT_USER_FILTER)), attributes,
                RoleGroups.parse(ROLE_GROUPS, s.text(ROLE_GROUPS, "")), s.disabledFilter(),
                s.integer(POOL_SIZE, DEFAULT_POOL_SIZE, 1, 200),
                s.duration(CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, Duration.ofMillis(100), Duration.ofMinutes(5)),
                s.duration(RESPONSE_TIMEOUT, DEFAULT_RESPONSE_TIMEOUT, Duration.ofMillis(100), Duration.ofMinutes(5)),
                s.duration(CACHE_TTL, DEFAULT_CACHE_TTL, Duration.ZERO, Duration.ofHours(1)),
                s.integer(CACHE_SIZE, DEFAULT_CACHE_SIZE, 0, 1_000_000));
    }

    /** The URL as the operator wrote it, for messages. */
    String url() {
        return (ldaps ? "ldaps://" : "ldap://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** Whether a password would cross a network in clear: plain LDAP without StartTLS to another host. */
    boolean sendsPasswordsInClear() {
        return !ldaps && !startTls && !(host.equals("localhost") || host.startsWith("127.") || host.equals("::1"));
    }

    @Override
    public String toString() {
        return "LdapSettings[" + url() + (startTls ? " with StartTLS" : "") + ", bind " + bindDn + ", users under "
                + userBase + "]";
    }

    /** Reads one setting at a time; blank counts as unset, as for every other setting of the server. */
    private record Reader(Map<String, String> values) {

        String text(String name, String fallback) {
            String value = values.get(name);
            return value == null || value.isBlank() ? fallback : value.strip();
        }

        String required(String name) {
            String value = text(name, null);
            if (value == null) {
                throw new IllegalArgumentException(name + " is required with USERSVC_DIRECTORY=ldap");
            }
            return value;
        }

        LDAPURL url() {
            String text = required(URL);
            LDAPURL url;
            try {
                url = new LDAPURL(text);
            } catch (LDAPException e) {
                throw new IllegalArgumentException(URL + " must be an ldap:// or ldaps:// URL such as"
                        + " ldaps://ldap.example.com, not '" + text + "'");
            }
            String scheme = url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
                throw new IllegalArgumentException(URL + " must start with ldap:// or ldaps://, not '" + text + "'");
            }
            if (!url.hostProvided()) {
                throw new IllegalArgumentException(URL + " must name a host: '" + text + "'");
            }
            if (url.baseDNProvided() || url.attributesProvided() || url.scopeProvided() || url.filterProvided()) {
                throw new IllegalArgumentException(URL + " names the server only (scheme, host and port); the"
                        + " users' base is " + USER_BASE + ": '" + text + "'");
            }
            return url;
        }

        boolean bool(String name, boolean fallback) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1", "on" -> true;
                case "false", "no", "0", "off" -> false;
                default -> throw new IllegalArgumentException(name + " must be true or false, not '" + value + "'");
            };
        }

        DN dn(String name, String value) {
            try {
                DN dn = new DN(value);
                if (dn.isNullDN()) {
                    throw new IllegalArgumentException(name + " must not be empty");
                }
                return dn;
            } catch (LDAPException e) {
                throw new IllegalArgumentException(name + " must be a distinguished name such as"
                        + " ou=people,dc=example,dc=com, not '" + value + "'");
            }
        }

        String attribute(String name, String fallback) {
            String value = text(name, fallback);
            if (!ATTRIBUTE.matcher(value).matches()) {
                throw new IllegalArgumentException(name + " must be an attribute name such as " + fallback
                        + ", not '" + value + "'");
            }
            return value;
        }

        Filter disabledFilter() {
            String value = text(DISABLED_FILTER, DEFAULT_DISABLED_FILTER);
            if (value.equalsIgnoreCase(NONE)) {
                return null;
            }
            try {
                return Filter.create(value);
            } catch (LDAPException e) {
                throw new IllegalArgumentException(DISABLED_FILTER + " must be an LDAP filter such as "
                        + DEFAULT_DISABLED_FILTER + " (or " + NONE + "), not '" + value + "'");
            }
        }

        int integer(String name, int fallback, int min, int max) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(value);
                if (parsed < min || parsed > max) {
                    throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not "
                            + value);
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
            }
        }

        Duration duration(String name, Duration fallback, Duration min, Duration max) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            Duration parsed;
            try {
                parsed = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as " + fallback
                        + ", not '" + value + "'");
            }
            if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not "
                        + value);
            }
            return parsed;
        }
    }
}
