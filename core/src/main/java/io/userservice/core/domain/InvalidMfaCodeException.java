package io.userservice.core.domain;

/** A one-time code (authenticator or recovery code) that is wrong, out of its time window, or already used. */
public class InvalidMfaCodeException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    public InvalidMfaCodeException() {
        super("invalid_mfa_code", "The code is wrong or was already used.");
    }
}
