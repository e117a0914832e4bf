package io.userservice.mail;

import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.OutboxMail;
import java.time.Instant;

/** Outbox mails to deliver. */
final class Users {

    static final String EMAIL = "tom.jones@example.org";
    static final long ID = 42;
    static final String KEY = "k3y";

    private Users() {
    }

    static OutboxMail confirmation(String code) {
        return aMail(MailKind.EMAIL_CONFIRMATION, "Tom", "en", code);
    }

    static OutboxMail reset(String code) {
        return aMail(MailKind.PASSWORD_RESET, "Tom", "en", code);
    }

    // Built directly, past the core's name rules, to show the mail adapter guards itself.
    static OutboxMail aMail(MailKind kind, String firstname, String language, String code) {
        Instant at = Instant.parse("2025-01-01T10:00:00Z");
        return new OutboxMail(ID, kind, EMAIL, language, firstname, "Jones", code, KEY, 1, at, at, null, null, null);
    }
}
