package io.userservice.mail;

import io.userservice.core.port.out.UndeliverableMailException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/**
 * Sends each mail to an SMTP server with Jakarta Mail, over a connection of its own. A recipient
 * the server refuses for good (a 5xx answer) makes the mail {@link UndeliverableMailException
 * undeliverable}; every other failure is a {@link MailDeliveryException}, worth another try.
 */
final class SmtpMailSender implements MailSender {

    private final MailSettings settings;
    private final Session session;
    private final InternetAddress from;

    SmtpMailSender(MailSettings settings) {
        this.settings = settings;
        this.session = Session.getInstance(properties(settings));
        this.from = settings.fromAddress();
    }

    @Override
    public void send(MailMessage mail) {
        try {
            MimeMessage message = MimeMessages.of(session, from, mail);
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect(settings.smtpHost(), settings.smtpPort(), settings.smtpUser(),
                        settings.smtpPassword());
                transport.sendMessage(message, message.getAllRecipients());
            }
        } catch (SendFailedException e) {
            if (e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0) {
                throw new UndeliverableMailException("The SMTP server " + settings.smtpHost() + ":"
                        + settings.smtpPort() + " refused the recipient of the "
                        + MailComposer.description(mail.kind()) + " mail: " + Failures.summary(e), e);
            }
            throw failure(mail, e);
        } catch (MessagingException e) {
            throw failure(mail, e);
        }
    }

    private MailDeliveryException failure(MailMessage mail, MessagingException e) {
        return new MailDeliveryException("Could not send the " + MailComposer.description(mail.kind())
                + " mail through the SMTP server " + settings.smtpHost() + ":" + settings.smtpPort()
                + ": " + Failures.summary(e), e);
    }

    private static Properties properties(MailSettings s) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", s.smtpHost());
        p.setProperty("mail.smtp.port", Integer.toString(s.smtpPort()));
        p.setProperty("mail.smtp.connectiontimeout", Long.toString(s.connectTimeout().toMillis()));
        p.setProperty("mail.smtp.timeout", Long.toString(s.readTimeout().toMillis()));
        p.setProperty("mail.smtp.writetimeout", Long.toString(s.readTimeout().toMillis()));
        p.setProperty("mail.smtp.auth", Boolean.toString(s.smtpUser() != null));
        p.setProperty("mail.smtp.starttls.enable", Boolean.toString(s.startTls() != MailSettings.StartTls.NONE));
        p.setProperty("mail.smtp.starttls.required",
                Boolean.toString(s.startTls() == MailSettings.StartTls.REQUIRED));
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        return p;
    }
}
