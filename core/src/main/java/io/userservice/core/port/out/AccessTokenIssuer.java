package io.userservice.core.port.out;

import io.userservice.core.domain.User;
import java.time.Instant;

/** Signs access tokens for users. */
public interface AccessTokenIssuer {

    /** A signed access token for the user, valid from {@code issuedAt} until {@code expiresAt}. */
    String issue(User user, Instant issuedAt, Instant expiresAt);

    /** The public keys that verify the tokens, as a JSON Web Key Set document. */
    String publicKeySetJson();
}
