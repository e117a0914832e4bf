package io.userservice.core.port.in;

import io.userservice.core.domain.ClientAddress;
import java.util.Map;

/**
 * What the OpenID Connect provider tells about a token: the userinfo endpoint (to the token's
 * holder), introspection (RFC 7662) and revocation (RFC 7009), both to the client the token was
 * issued to.
 */
public interface OidcTokenInfoUseCase {

    /**
     * The claims of the access token's user, by the token's scopes.
     *
     * @throws io.userservice.core.domain.InvalidTokenException for anything but a valid access token
     *                                                          issued to a client with scope {@code openid}
     */
    Map<String, Object> userInfo(String accessToken);

    /** RFC 7662: {@code active} and, for an active token of the calling client, its claims. */
    Map<String, Object> introspect(ClientCredentials client, String token, String tokenTypeHint,
            ClientAddress clientAddress);

    /** RFC 7009: revokes the token's grant if the token belongs to the calling client; silent otherwise. */
    void revoke(ClientCredentials client, String token, String tokenTypeHint, ClientAddress clientAddress);
}
