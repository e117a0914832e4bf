package io.userservice.core.domain;

/** A confirmation or reset code that is unknown, expired or already used. */
public class InvalidCodeException extends UserServiceException {

    private static final long serialVersionUID = 1L;

    public InvalidCodeException() {
        super("invalid_code", "The code is invalid, expired or already used.");
    }
}
