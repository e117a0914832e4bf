package io.userservice.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Date;

/** Turns a composed mail into a MIME message: a plain-text and an HTML alternative. */
final class MimeMessages {

    private static final String UTF_8 = "UTF-8";

    private MimeMessages() {
    }

    static MimeMessage of(Session session, InternetAddress from, MailMessage mail) throws MessagingException {
        MimeMessage message = new IdentifiedMimeMessage(session, mail.messageId());
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        message.setSubject(mail.subject(), UTF_8);
        message.setSentDate(new Date());
        // RFC 3834: keeps vacation responders from answering a machine.
        message.setHeader("Auto-Submitted", "auto-generated");

        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), UTF_8);
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), UTF_8, "html");
        message.setContent(new MimeMultipart("alternative", text, html));
        message.saveChanges();
        return message;
    }

    /** Keeps the Message-ID chosen when the mail was composed instead of generating one on save. */
    private static final class IdentifiedMimeMessage extends MimeMessage {

        private final String messageId;

        IdentifiedMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
