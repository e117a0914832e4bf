package io.userservice.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** Sends each mail to an SMTP server with Jakarta Mail, over a connection of its own. */
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
        } catch (MessagingException e) {
            throw new MailDeliveryException("Could not send the " + MailComposer.description(mail.kind())
                    + " mail through the SMTP server " + settings.smtpHost() + ":" + settings.smtpPort()
                    + ": " + Failures.summary(e), e);
        }
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
