package io.userservice.mail;

/** Delivers composed mails somewhere: to a mail server or to the log. */
interface MailSender {

    /** Delivers the mail or throws {@link MailDeliveryException}. */
    void send(MailMessage mail);
}
