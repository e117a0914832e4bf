package io.userservice.core.port.in;

import io.userservice.core.domain.ClientAddress;
import java.util.Objects;

/**
 * The OpenID Connect token endpoint: the {@code authorization_code}, {@code refresh_token} and
 * {@code client_credentials} grants. Refusals are {@link io.userservice.core.domain.OAuthException}s
 * with the RFC 6749 error code.
 */
public interface OidcTokenUseCase {

    TokenResponse token(Command command);

    record Command(String grantType, ClientCredentials client, String code, String redirectUri, String codeVerifier,
                   String refreshToken, String scope, ClientAddress clientAddress) {

        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
        }
        @Override
        public String toString() {
            return "OidcToken[" + grantType + ", " + client + "]";
        }
    }

    /** {@code refreshToken} and {@code idToken} may be null. */
    record TokenResponse(String accessToken, long expiresIn, String refreshToken, String idToken, String scope) {
        @Override
        public String toString() {
            return "TokenResponse[***]";
        }
    }
}
