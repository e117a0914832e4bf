package io.userservice.core.domain;

/**
 * The password was right but the email is not confirmed yet. Only raised after a successful
 * password check, so it reveals nothing to someone who does not know the password.
 */
public class EmailNotConfirmedException extends UserServiceException {

    private static final long serialVersionUID = 1L;

    public EmailNotConfirmedException() {
        super("email_not_confirmed", "The email address has not been confirmed yet.");
    }
}
