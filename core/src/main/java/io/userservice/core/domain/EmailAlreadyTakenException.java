package io.userservice.core.domain;

/** A registration names an email that already belongs to a user. */
public class EmailAlreadyTakenException extends UserServiceException {

    private static final long serialVersionUID = 1L;

    public EmailAlreadyTakenException() {
        super("email_taken", "An account with this email already exists.");
    }
}
