package io.userservice.core.domain;

/** A refresh token that is unknown, expired, revoked or already rotated. */
public class InvalidRefreshTokenException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    public InvalidRefreshTokenException() {
        super("invalid_refresh_token", "The refresh token is invalid, expired or already used.");
    }
}
