package io.userservice.core.domain;

import java.time.Instant;

/**
 * A mail in the outbox, as stored.
 *
 * @param id            the outbox's identifier of the mail, part of its {@code Message-ID}
 * @param code          the code the mail carries, as the outbox keeps it (sealed when a key-encryption
 *                      key is configured); {@code null} once the mail is sent or given up
 * @param attempts      how many times a dispatcher has claimed the mail for delivery
 * @param nextAttemptAt when the mail is due next (while it is claimed: when the claim expires)
 * @param sentAt        when it was sent, or {@code null}
 * @param gaveUpAt      when the outbox gave up on it, or {@code null}
 * @param lastError     a short description of the last failed attempt, without secrets, or {@code null}
 */
public record OutboxMail(long id, MailKind kind, String recipient, String language, String firstname,
                         String lastname, String code, String messageKey, int attempts, Instant createdAt,
                         Instant nextAttemptAt, Instant sentAt, Instant gaveUpAt, String lastError) {

    /** True while the mail still waits to be sent. */
    public boolean pending() {
        return sentAt == null && gaveUpAt == null;
    }

    /** The same mail carrying this code, such as the opened code for its delivery. */
    public OutboxMail withCode(String value) {
        return new OutboxMail(id, kind, recipient, language, firstname, lastname, value, messageKey, attempts,
                createdAt, nextAttemptAt, sentAt, gaveUpAt, lastError);
    }
}
