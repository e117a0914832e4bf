package io.userservice.core.domain;

/** Wrong password or unknown email; deliberately the same failure for both. */
public class InvalidCredentialsException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    public InvalidCredentialsException() {
        super("invalid_credentials", "The email or password is incorrect.");
    }
}
