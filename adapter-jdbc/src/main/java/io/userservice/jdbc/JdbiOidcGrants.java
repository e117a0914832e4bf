package io.userservice.jdbc;

import io.userservice.core.domain.OidcGrant;
import io.userservice.core.port.out.OidcGrantPort;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** OpenID Connect grants in the {@code oidc_grants} table, keyed by their refresh-token family id. */
final class JdbiOidcGrants implements OidcGrantPort {

    private static final String COLUMNS = "grant_id, client_id, user_id, scope, code_hash, created_at, revoked_at";

    private final Jdbi jdbi;

    JdbiOidcGrants(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void save(OidcGrant grant) {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO oidc_grants (" + COLUMNS + ") VALUES (:grantId,"
                        + " :clientId, :userId, :scope, :codeHash, :createdAt, :revokedAt)")
                .bind("grantId", grant.grantId().toString())
                .bind("clientId", grant.clientId())
                .bind("userId", grant.userId())
                .bind("scope", grant.scope())
                .bind("codeHash", grant.codeHash())
                .bind("createdAt", Millis.of(grant.createdAt()))
                .bind("revokedAt", Millis.of(grant.revokedAt()))
                .execute());
    }

    @Override
    public Optional<OidcGrant> find(UUID grantId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM oidc_grants"
                        + " WHERE grant_id = :grantId")
                .bind("grantId", grantId.toString())
                .map((rs, ctx) -> read(rs))
                .findOne());
    }

    @Override
    public RevokedByCode revokeByCode(String codeHash, Instant at) {
        return jdbi.inTransaction(handle -> {
            int now = handle.createUpdate("UPDATE oidc_grants SET revoked_at = :at WHERE code_hash = :hash AND revoked_at IS NULL")
                    .bind("at", Millis.of(at))
                    .bind("hash", codeHash)
                    .execute();
            List<OidcGrant> all = handle.createQuery("SELECT " + COLUMNS + " FROM oidc_grants WHERE code_hash = :hash")
                    .bind("hash", codeHash)
                    .map((rs, ctx) -> read(rs))
                    .list();
            return new RevokedByCode(all, now);
        });
    }

    @Override
    public boolean revoke(UUID grantId, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE oidc_grants SET revoked_at = :at"
                        + " WHERE grant_id = :grantId AND revoked_at IS NULL")
                .bind("at", Millis.of(at))
                .bind("grantId", grantId.toString())
                .execute()) == 1;
    }

    @Override
    public int eraseUser(long userId) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM oidc_grants WHERE user_id = :userId")
                .bind("userId", userId)
                .execute());
    }

    private static OidcGrant read(ResultSet rs) throws SQLException {
        return new OidcGrant(UUID.fromString(rs.getString("grant_id")), rs.getString("client_id"),
                rs.getLong("user_id"), rs.getString("scope"), rs.getString("code_hash"),
                Millis.read(rs, "created_at"), Millis.read(rs, "revoked_at"));
    }
}
