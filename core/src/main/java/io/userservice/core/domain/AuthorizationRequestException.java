package io.userservice.core.domain;

/**
 * An authorization request that cannot be answered by a redirect: the client is unknown or the
 * redirect URI is missing or not registered for it. It is shown to the user on a page, never sent
 * anywhere, so a forged request cannot turn the provider into an open redirector.
 */
public class AuthorizationRequestException extends UserServiceException {

    private static final long serialVersionUID = 1L;

    public AuthorizationRequestException(String code, String message) {
        super(code, message);
    }
}
