package io.userservice.ldap.archviolation;

import io.userservice.jdbc.JdbcSettings;

/**
 * Deliberately makes the LDAP adapter use another adapter, and shows a public class besides its
 * provider, so the architecture rules can be seen to catch both.
 */
public class LdapReachingIntoJdbc {

    public JdbcSettings settings() {
        return new JdbcSettings("jdbc:h2:mem:x", "sa", "", 1);
    }
}
