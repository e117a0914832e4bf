package io.userservice.core.domain;

/** A bearer token that is missing, malformed, badly signed, of the wrong kind or expired. */
public class InvalidTokenException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    public InvalidTokenException(String message) {
        super("invalid_token", message);
    }
}
