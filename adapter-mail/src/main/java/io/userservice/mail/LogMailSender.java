package io.userservice.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes each mail to the log instead of sending it, as one entry a developer can read. */
final class LogMailSender implements MailSender {

    private static final Logger LOG = LoggerFactory.getLogger(LogMailSender.class);

    @Override
    public void send(MailMessage mail) {
        LOG.info("Mail written to the log instead of being sent\nTo: {}\nSubject: {}\nMessage-ID: {}\n\n{}",
                mail.to(), mail.subject(), mail.messageId(), mail.text());
    }
}
