package io.userservice.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A mail to put into the outbox: what rendering and sending it needs, written together with the
 * code it carries.
 *
 * @param kind       which mail
 * @param recipient  the canonical email address it goes to
 * @param language   the reader's language tag, for the template
 * @param firstname  the reader's first name, may be {@code null}
 * @param lastname   the reader's last name, may be {@code null}
 * @param code       the single-use code as the outbox keeps it: sealed with the key-encryption key
 *                   when one is configured, else in plain text; the outbox forgets it once the mail
 *                   is sent or given up; {@code null} for the kinds that carry none (notices)
 * @param messageKey a random text that makes the mail's {@code Message-ID} unique and stable
 * @param createdAt  when the mail was queued; it is due at once
 * @param userId     the user the mail is written for, whatever address it goes to, so that erasing
 *                   them finds it; {@code null} for a mail to nobody's account
 */
public record NewOutboxMail(MailKind kind, String recipient, String language, String firstname, String lastname,
                            String code, String messageKey, Instant createdAt, Long userId) {

    /** A mail written for no user's account. */
    public NewOutboxMail(MailKind kind, String recipient, String language, String firstname, String lastname,
                         String code, String messageKey, Instant createdAt) {
        this(kind, recipient, language, firstname, lastname, code, messageKey, createdAt, null);
    }

    public NewOutboxMail {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(language, "language");
        if (kind.carriesCode() != (code != null)) {
            throw new IllegalArgumentException(kind + (kind.carriesCode() ? " mails carry a code" : " mails carry no code"));
        }
        Objects.requireNonNull(messageKey, "messageKey");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The mail of this kind for this user, at their current address. */
    public static NewOutboxMail to(User user, MailKind kind, String code, String messageKey, Instant now) {
        String language = user.language() == null ? Language.DEFAULT : user.language();
        return new NewOutboxMail(kind, user.email().value(), language, user.firstname(), user.lastname(), code,
                messageKey, now, user.id());
    }

    /** The mail of this kind for this user, sent to {@code recipient} instead of their address. */
    public static NewOutboxMail to(User user, Email recipient, MailKind kind, String code, String messageKey,
                                   Instant now) {
        String language = user.language() == null ? Language.DEFAULT : user.language();
        return new NewOutboxMail(kind, recipient.value(), language, user.firstname(), user.lastname(), code,
                messageKey, now, user.id());
    }
}
