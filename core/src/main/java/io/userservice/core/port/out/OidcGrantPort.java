package io.userservice.core.port.out;

import io.userservice.core.domain.OidcGrant;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Records which client each OpenID Connect grant (refresh-token family) belongs to, and its revocation. */
public interface OidcGrantPort {

    void save(OidcGrant grant);

    Optional<OidcGrant> find(UUID grantId);

    /** Revokes every grant that came from this code; returns them (with their revocation). */
    List<OidcGrant> revokeByCode(String codeHash, Instant at);

    /** Revokes the grant; false when it does not exist or was already revoked. */
    boolean revoke(UUID grantId, Instant at);
}
