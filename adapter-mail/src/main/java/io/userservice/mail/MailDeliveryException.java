package io.userservice.mail;

/**
 * A mail could not be handed to the mail server. The message says which mail and which server,
 * never the code the mail carries nor the SMTP password.
 */
public final class MailDeliveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MailDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
