package io.userservice.core.domain;

/** An MFA challenge token that is unknown, expired, already used, or dead after too many wrong codes. */
public class InvalidMfaTokenException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    public InvalidMfaTokenException() {
        super("invalid_mfa_token", "The sign-in challenge is invalid, expired or used up: sign in again.");
    }
}
