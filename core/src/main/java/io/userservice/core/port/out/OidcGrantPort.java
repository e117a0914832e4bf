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

    /**
     * Revokes every grant that came from this code; returns them all (with their revocation) and
     * how many of them this call revoked, the others having been revoked before. Of concurrent
     * calls for one code, each grant is counted by exactly one.
     */
    RevokedByCode revokeByCode(String codeHash, Instant at);

    /** Revokes the grant; false when it does not exist or was already revoked. */
    boolean revoke(UUID grantId, Instant at);

    /** Erases every grant of the user, revoked or not, with any client; returns how many. */
    int eraseUser(long userId);

    /** The grants of a code after {@link #revokeByCode}, and how many that call revoked. */
    record RevokedByCode(List<OidcGrant> grants, int revokedNow) {

        public RevokedByCode {
            grants = List.copyOf(grants);
        }
    }
}
