package io.userservice.core.port.out;

import io.userservice.core.domain.User;
import java.time.Instant;

/** Signs access tokens for users. */
public interface AccessTokenIssuer {

    /** A signed access token for the user, valid from {@code issuedAt} until {@code expiresAt}. */
    default String issue(User user, Instant issuedAt, Instant expiresAt) {
        return issue(user, issuedAt, expiresAt, false);
    }

    /**
     * A signed access token issued by a sign-in at {@code issuedAt}: it records that moment as the
     * time the user entered a credential ({@code auth_time}).
     */
    default String issueAtSignIn(User user, Instant issuedAt, Instant expiresAt) {
        return issue(user, issuedAt, expiresAt, false);
    }

    /**
     * A signed access token; with {@code portalLogin} it may also sign the user into the portal,
     * once: redeeming it consumes its {@code jti} through {@link ConsumedTokenPort}.
     */
    String issue(User user, Instant issuedAt, Instant expiresAt, boolean portalLogin);

    /**
     * A signed access token for {@code subject}, minted by {@code actor}, recording the actor in
     * an RFC 8693 {@code act} claim.
     */
    String issueOnBehalf(User subject, User actor, Instant issuedAt, Instant expiresAt);

    /**
     * A signed access token for {@code user}, issued to an OpenID Connect client: it also carries
     * {@code client_id}, {@code scope} and the grant's id (claim {@code grant_id}).
     */
    default String issueForClient(User user, String clientId, String scope, String grantId, Instant issuedAt,
                                  Instant expiresAt) {
        throw new UnsupportedOperationException("this issuer signs no tokens for OpenID Connect clients");
    }

    /** The public keys that verify the tokens, as a JSON Web Key Set document. */
    String publicKeySetJson();
}
