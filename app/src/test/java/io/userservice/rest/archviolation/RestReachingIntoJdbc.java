package io.userservice.rest.archviolation;

import io.userservice.jdbc.JdbcSettings;

/** Deliberately makes one adapter use another, so the architecture rules can be seen to catch it. */
public class RestReachingIntoJdbc {

    public JdbcSettings settings() {
        return new JdbcSettings("jdbc:h2:mem:x", "sa", "", 1);
    }
}
