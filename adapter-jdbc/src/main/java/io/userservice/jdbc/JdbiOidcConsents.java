package io.userservice.jdbc;

import io.userservice.core.port.out.OidcConsentPort;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** Consents in the {@code oidc_consents} table, one row per user, client and scope. */
final class JdbiOidcConsents implements OidcConsentPort {

    private final Jdbi jdbi;

    JdbiOidcConsents(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Inserts only the scopes not recorded yet; a concurrent insert of the same scope is harmless. */
    @Override
    public void grant(long userId, String clientId, Set<String> scopes) {
        Set<String> known = granted(userId, clientId);
        for (String scope : scopes) {
            if (known.contains(scope)) {
                continue;
            }
            try {
                jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO oidc_consents (user_id, client_id, scope)"
                                + " VALUES (:userId, :clientId, :scope)")
                        .bind("userId", userId)
                        .bind("clientId", clientId)
                        .bind("scope", scope)
                        .execute());
            } catch (RuntimeException e) {
                if (!SqlErrors.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    @Override
    public Set<String> granted(long userId, String clientId) {
        return jdbi.withHandle(handle -> Set.copyOf(handle.createQuery("SELECT scope FROM oidc_consents"
                        + " WHERE user_id = :userId AND client_id = :clientId")
                .bind("userId", userId)
                .bind("clientId", clientId)
                .mapTo(String.class)
                .list()));
    }

    @Override
    public int eraseUser(long userId) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM oidc_consents WHERE user_id = :userId")
                .bind("userId", userId)
                .execute());
    }
}
