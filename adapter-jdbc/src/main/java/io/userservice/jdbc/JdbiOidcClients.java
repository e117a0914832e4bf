package io.userservice.jdbc;

import io.userservice.core.domain.OidcClient;
import io.userservice.core.port.out.OidcClientPort;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * OpenID Connect clients in the {@code oidc_clients} table. Lists are stored space-separated:
 * redirect URIs, grant types and scopes never hold white space (the domain refuses it).
 */
final class JdbiOidcClients implements OidcClientPort {

    private static final String COLUMNS = "client_id, secret_digest, name, redirect_uris, post_logout_redirect_uris,"
            + " grant_types, scopes, public_client, require_consent, access_token_ttl_seconds,"
            + " refresh_token_ttl_seconds, created_at";

    private final Jdbi jdbi;

    JdbiOidcClients(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void create(OidcClient client) {
        jdbi.useHandle(handle -> bind(handle.createUpdate("INSERT INTO oidc_clients (" + COLUMNS + ") VALUES"
                + " (:clientId, :secretDigest, :name, :redirectUris, :logoutUris, :grantTypes, :scopes, :publicClient,"
                + " :requireConsent, :accessTtl, :refreshTtl, :createdAt)"), client).execute());
    }

    @Override
    public Optional<OidcClient> find(String clientId) {
        if (clientId == null || clientId.length() > 64) {
            return Optional.empty();
        }
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM oidc_clients"
                        + " WHERE client_id = :clientId")
                .bind("clientId", clientId)
                .map((rs, ctx) -> read(rs))
                .findOne());
    }

    @Override
    public List<OidcClient> list() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM oidc_clients"
                        + " ORDER BY name, client_id")
                .map((rs, ctx) -> read(rs))
                .list());
    }

    @Override
    public boolean update(OidcClient client) {
        return jdbi.withHandle(handle -> bind(handle.createUpdate("UPDATE oidc_clients SET"
                + " secret_digest = :secretDigest, name = :name, redirect_uris = :redirectUris,"
                + " post_logout_redirect_uris = :logoutUris, grant_types = :grantTypes, scopes = :scopes,"
                + " public_client = :publicClient, require_consent = :requireConsent,"
                + " access_token_ttl_seconds = :accessTtl, refresh_token_ttl_seconds = :refreshTtl,"
                + " created_at = :createdAt WHERE client_id = :clientId"), client).execute()) == 1;
    }

    @Override
    public boolean delete(String clientId) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM oidc_clients WHERE client_id = :clientId")
                .bind("clientId", clientId)
                .execute()) == 1;
    }

    private static <S extends SqlStatement<S>> S bind(S statement, OidcClient client) {
        return statement.bind("clientId", client.clientId())
                .bind("secretDigest", client.secretDigest())
                .bind("name", client.name())
                .bind("redirectUris", String.join(" ", client.redirectUris()))
                .bind("logoutUris", String.join(" ", client.postLogoutRedirectUris()))
                .bind("grantTypes", String.join(" ", client.grantTypes().stream().sorted().toList()))
                .bind("scopes", String.join(" ", client.scopes().stream().sorted().toList()))
                .bind("publicClient", client.publicClient())
                .bind("requireConsent", client.requireConsent())
                .bind("accessTtl", client.accessTokenTtl() == null ? null : client.accessTokenTtl().toSeconds())
                .bind("refreshTtl", client.refreshTokenTtl() == null ? null : client.refreshTokenTtl().toSeconds())
                .bind("createdAt", Millis.of(client.createdAt()));
    }

    private static OidcClient read(ResultSet rs) throws SQLException {
        return new OidcClient(rs.getString("client_id"), rs.getString("secret_digest"), rs.getString("name"),
                list(rs.getString("redirect_uris")), list(rs.getString("post_logout_redirect_uris")),
                new LinkedHashSet<>(list(rs.getString("grant_types"))), Set.copyOf(list(rs.getString("scopes"))),
                rs.getBoolean("public_client"), rs.getBoolean("require_consent"), seconds(rs, "access_token_ttl_seconds"),
                seconds(rs, "refresh_token_ttl_seconds"), Millis.read(rs, "created_at"));
    }

    private static List<String> list(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(" "));
    }

    private static Duration seconds(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Duration.ofSeconds(value);
    }
}
