package io.userservice.mail;

import io.userservice.core.port.out.UserNotifier;

/**
 * Builds the {@link UserNotifier}s this module offers: the delivery side of the core's mail
 * outbox. Each mail is written from {@link MailTemplates} in the reader's language.
 */
public final class MailNotifiers {

    private MailNotifiers() {
    }

    /**
     * Sends each mail over SMTP in the caller's thread, one connection per mail. When the server
     * cannot be reached or refuses a mail, the notifier throws {@link MailDeliveryException}.
     */
    public static UserNotifier smtp(MailSettings settings, MailTemplates templates) {
        return new MailingUserNotifier(new MailComposer(settings, templates), new SmtpMailSender(settings));
    }

    /** {@link #smtp(MailSettings, MailTemplates)} with the built-in templates. */
    public static UserNotifier smtp(MailSettings settings) {
        return smtp(settings, MailTemplates.builtIn());
    }

    /**
     * Writes each mail to the log at INFO instead of sending it, links and codes included: meant for
     * local development, where nobody reads real mail. Only the public URL, the product name and the
     * sender of the settings are used.
     */
    public static UserNotifier log(MailSettings settings, MailTemplates templates) {
        return new MailingUserNotifier(new MailComposer(settings, templates), new LogMailSender());
    }

    /** {@link #log(MailSettings, MailTemplates)} with the built-in templates. */
    public static UserNotifier log(MailSettings settings) {
        return log(settings, MailTemplates.builtIn());
    }
}
