package io.userservice.mail;

import io.userservice.core.domain.User;
import io.userservice.core.port.out.UserNotifier;

/** Tells users by mail: composes each mail and hands it to a sender. */
final class MailingUserNotifier implements UserNotifier {

    private final MailComposer composer;
    private final MailSender sender;

    MailingUserNotifier(MailComposer composer, MailSender sender) {
        this.composer = composer;
        this.sender = sender;
    }

    @Override
    public void sendEmailConfirmation(User user, String code) {
        sender.send(composer.compose(MailKind.EMAIL_CONFIRMATION, user, code));
    }

    @Override
    public void sendPasswordReset(User user, String code) {
        sender.send(composer.compose(MailKind.PASSWORD_RESET, user, code));
    }
}
