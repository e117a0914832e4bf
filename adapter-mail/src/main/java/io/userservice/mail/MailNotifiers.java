package io.userservice.mail;

import io.userservice.core.port.out.UserNotifier;
import java.time.Duration;

/** Builds the {@link UserNotifier}s this module offers. */
public final class MailNotifiers {

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    private MailNotifiers() {
    }

    /**
     * Sends each mail over SMTP in the caller's thread, one connection per mail. When the server
     * cannot be reached or refuses a mail, the notifier throws {@link MailDeliveryException}.
     */
    public static UserNotifier smtp(MailSettings settings) {
        return new MailingUserNotifier(new MailComposer(settings, MailTexts.ENGLISH), new SmtpMailSender(settings));
    }

    /**
     * Writes each mail to the log at INFO instead of sending it, links and codes included: meant for
     * local development, where nobody reads real mail. Only the public URL, the product name and the
     * sender of the settings are used.
     */
    public static UserNotifier log(MailSettings settings) {
        return new MailingUserNotifier(new MailComposer(settings, MailTexts.ENGLISH), new LogMailSender());
    }

    /**
     * Hands each mail to one background thread so that callers never wait for the mail server.
     * At most {@code queueCapacity} mails wait; more are dropped with a warning in the log.
     * {@link AsyncUserNotifier#close() Closing} delivers what waits, for up to five seconds.
     */
    public static AsyncUserNotifier async(UserNotifier delegate, int queueCapacity) {
        return new AsyncUserNotifier(delegate, queueCapacity, DRAIN_TIMEOUT);
    }
}
