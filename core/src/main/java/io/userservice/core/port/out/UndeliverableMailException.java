package io.userservice.core.port.out;

/**
 * Thrown by a {@link UserNotifier} when a mail can never be delivered as it is (the mail server
 * refused the recipient for good), so trying again is pointless. The message says why, without
 * the code the mail carries.
 */
public class UndeliverableMailException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UndeliverableMailException(String message, Throwable cause) {
        super(message, cause);
    }
}
