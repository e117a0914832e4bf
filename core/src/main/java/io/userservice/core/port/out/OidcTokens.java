package io.userservice.core.port.out;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Signs and reads the OpenID Connect provider's own token kinds with the service's signing keys:
 * ID tokens ({@code typ: JWT}, audience the client) and service tokens of the client credentials
 * grant (subject the client). Neither is ever accepted as an access token of a user, and no access
 * token is accepted as either.
 */
public interface OidcTokens {

    /** An ID token with these claims besides {@code iss}, which the signer adds. */
    String idToken(Map<String, Object> claims);

    /** A service token for the client, valid from {@code issuedAt} until {@code expiresAt}. */
    String serviceToken(String clientId, String scope, Instant issuedAt, Instant expiresAt);

    /**
     * The subject, audience and session of an ID token this service signed, expired or not (a
     * logout may come long after the token expired); empty for anything else.
     */
    Optional<IdTokenHint> readIdToken(String token);

    /** The claims of a valid, unexpired service token; empty for anything else. */
    Optional<ServiceToken> readServiceToken(String token);

    record IdTokenHint(long userId, String clientId, String sessionId) {
    }

    record ServiceToken(String clientId, String scope, String tokenId, Instant issuedAt, Instant expiresAt) {
    }
}
