package io.userservice.core.port.out;

import io.userservice.core.domain.OutboxMail;

/**
 * Delivers the mails of the outbox to their readers, by email or another channel. The outbox's
 * dispatcher calls it; a call that returns means delivered, an exception means try again later.
 */
public interface UserNotifier {

    /**
     * Delivers the mail. A retried mail comes again with the same id and message key, so the
     * delivery can mark it as the same message.
     */
    void deliver(OutboxMail mail);
}
