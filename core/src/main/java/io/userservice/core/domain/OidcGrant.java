package io.userservice.core.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * What one client holds for one user: a refresh-token family started for the client (or, for a
 * grant without a refresh token, only its identifier), the scopes, and the authorization code it
 * came from. Access tokens of the grant name it (claim {@code grant_id}, the family's id), so revoking the
 * grant ends them too, as far as this service and its introspection are concerned.
 *
 * @param grantId   the refresh-token family's id
 * @param codeHash  the digest of the authorization code the grant came from, or {@code null}
 * @param revokedAt when the grant was revoked, or {@code null}
 */
public record OidcGrant(UUID grantId, String clientId, long userId, String scope, String codeHash,
                        Instant createdAt, Instant revokedAt) {

    public boolean isRevoked() {
        return revokedAt != null;
    }
}
