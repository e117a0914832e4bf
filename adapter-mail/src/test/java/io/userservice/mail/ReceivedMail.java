package io.userservice.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A mail as the SMTP server received it, read the way a mail client would. */
record ReceivedMail(MimeMessage message) {

    String to() {
        return address(call(() -> message.getRecipients(Message.RecipientType.TO)[0]));
    }

    String from() {
        return address(call(() -> message.getFrom()[0]));
    }

    String fromName() {
        return ((InternetAddress) call(() -> message.getFrom()[0])).getPersonal();
    }

    String subject() {
        return call(message::getSubject);
    }

    String messageId() {
        return call(message::getMessageID);
    }

    String contentType() {
        return call(message::getContentType);
    }

    String text() {
        return part("text/plain");
    }

    String html() {
        return part("text/html");
    }

    private String part(String type) {
        return call(() -> {
            MimeMultipart multipart = (MimeMultipart) message.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(type)) {
                    // SMTP carries CRLF line ends; compare texts line by line like a reader would
                    return ((String) part.getContent()).replace("\r\n", "\n");
                }
            }
            throw new AssertionError("the mail has no " + type + " part");
        });
    }

    private static String address(Object address) {
        return ((InternetAddress) address).getAddress();
    }

    private interface MailCall<T> {
        T call() throws MessagingException, IOException;
    }

    private static <T> T call(MailCall<T> read) {
        try {
            return read.call();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
