package io.userservice.mail;

import io.userservice.core.domain.Email;
import io.userservice.core.domain.User;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Users to send mail to. */
final class Users {

    static final String EMAIL = "tom.jones@example.org";

    private Users() {
    }

    static User aUser() {
        return aUserNamed("Tom");
    }

    static User aUserNamed(String firstname) {
        return aUser(firstname, "en");
    }

    static User aUserSpeaking(String language) {
        return aUser("Tom", language);
    }

    // Built directly, past the core's name rules, to show the mail adapter guards itself.
    static User aUser(String firstname, String language) {
        Instant at = Instant.parse("2025-01-01T10:00:00Z");
        return new User(42, UUID.randomUUID(), new Email(EMAIL), "$2b$10$hash", firstname, "Jones", language, 0,
                Set.of(), false, at, at);
    }
}
