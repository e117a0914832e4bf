package io.userservice.core.domain;

/**
 * A refusal of the OpenID Connect provider, in the terms of RFC 6749: {@link #code()} is the
 * protocol's {@code error} ({@code invalid_grant}, {@code invalid_client}, …) and the message its
 * {@code error_description}.
 */
public class OAuthException extends UserServiceException {

    private static final long serialVersionUID = 1L;

    public OAuthException(String error, String description) {
        super(error, description);
    }

    public static OAuthException invalidClient() {
        return new OAuthException("invalid_client", "Client authentication failed.");
    }

    public static OAuthException invalidGrant(String description) {
        return new OAuthException("invalid_grant", description);
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException("invalid_request", description);
    }
}
