package io.userservice.mail;

import io.userservice.core.domain.OutboxMail;
import io.userservice.core.port.out.UserNotifier;

/** Delivers outbox mails by mail: composes each one and hands it to a sender. */
final class MailingUserNotifier implements UserNotifier {

    private final MailComposer composer;
    private final MailSender sender;

    MailingUserNotifier(MailComposer composer, MailSender sender) {
        this.composer = composer;
        this.sender = sender;
    }

    @Override
    public void deliver(OutboxMail mail) {
        sender.send(composer.compose(mail));
    }
}
