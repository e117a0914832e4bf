package io.userservice.core.domain;

/** The caller could not be authenticated: the family of every "who are you?" failure. */
public abstract class AuthenticationException extends UserServiceException {

    private static final long serialVersionUID = 1L;

    protected AuthenticationException(String code, String message) {
        super(code, message);
    }
}
