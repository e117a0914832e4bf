package io.userservice.jdbc;

import io.userservice.core.domain.AuthorizationCode;
import io.userservice.core.port.out.AuthorizationCodePort;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Authorization codes in the {@code oidc_authorization_codes} table, keyed by code digest. */
final class JdbiAuthorizationCodes implements AuthorizationCodePort {

    private final Jdbi jdbi;

    JdbiAuthorizationCodes(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void save(AuthorizationCode code) {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO oidc_authorization_codes (code_hash, client_id,"
                        + " user_id, redirect_uri, code_challenge, nonce, scope, auth_time, session_id, epoch, issued_at,"
                        + " expires_at, amr, id_token, id_token_claims) VALUES (:hash, :clientId, :userId, :redirectUri,"
                        + " :challenge, :nonce, :scope, :authTime, :sessionId, :epoch, :issuedAt, :expiresAt, :amr,"
                        + " :idToken, :idTokenClaims)")
                .bind("hash", code.codeHash())
                .bind("clientId", code.clientId())
                .bind("userId", code.userId())
                .bind("redirectUri", code.redirectUri())
                .bind("challenge", code.codeChallenge())
                .bind("nonce", code.nonce())
                .bind("scope", code.scope())
                .bind("authTime", Millis.of(code.authTime()))
                .bind("sessionId", code.sessionId())
                .bind("epoch", code.epoch())
                .bind("issuedAt", Millis.of(code.issuedAt()))
                .bind("expiresAt", Millis.of(code.expiresAt()))
                .bind("amr", code.amr())
                .bind("idToken", code.idToken())
                .bind("idTokenClaims", code.idTokenClaims())
                .execute());
    }

    /**
     * One conditional update decides the first use: the database lets exactly one of racing
     * statements change the row, and that statement also forgets the ID token. The code is read
     * first (a code is never changed but by that statement), so the first use gets the token the
     * update forgets; a call that changed nothing records the replay and gets the code without it.
     */
    @Override
    public Optional<Redemption> consume(String codeHash, Instant at) {
        return jdbi.withHandle(handle -> {
            Optional<AuthorizationCode> found = handle.createQuery("SELECT code_hash, client_id, user_id,"
                            + " redirect_uri, code_challenge, nonce, scope, auth_time, session_id, epoch, issued_at,"
                            + " expires_at, amr, id_token, id_token_claims"
                            + " FROM oidc_authorization_codes WHERE code_hash = :hash")
                    .bind("hash", codeHash)
                    .map((rs, ctx) -> new AuthorizationCode(rs.getString("code_hash"), rs.getString("client_id"),
                            rs.getLong("user_id"), rs.getString("redirect_uri"), rs.getString("code_challenge"),
                            rs.getString("nonce"), rs.getString("scope"), Millis.read(rs, "auth_time"),
                            rs.getString("session_id"), rs.getLong("epoch"), Millis.read(rs, "issued_at"),
                            Millis.read(rs, "expires_at"), rs.getString("amr"), rs.getString("id_token"),
                            rs.getString("id_token_claims")))
                    .findOne();
            if (found.isEmpty()) {
                return Optional.empty();
            }
            int first = handle.createUpdate("UPDATE oidc_authorization_codes SET consumed_at = :at,"
                            + " id_token = NULL, id_token_claims = NULL"
                            + " WHERE code_hash = :hash AND consumed_at IS NULL")
                    .bind("at", Millis.of(at))
                    .bind("hash", codeHash)
                    .execute();
            if (first == 1) {
                return Optional.of(new Redemption(found.get(), true));
            }
            handle.createUpdate("UPDATE oidc_authorization_codes SET replayed_at = :at"
                            + " WHERE code_hash = :hash AND replayed_at IS NULL")
                    .bind("at", Millis.of(at))
                    .bind("hash", codeHash)
                    .execute();
            return Optional.of(new Redemption(found.get().withoutIdToken(), false));
        });
    }

    @Override
    public int deleteExpiredBefore(Instant before) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM oidc_authorization_codes"
                        + " WHERE expires_at < :before")
                .bind("before", Millis.of(before))
                .execute());
    }

    @Override
    public int eraseUser(long userId) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM oidc_authorization_codes"
                        + " WHERE user_id = :userId")
                .bind("userId", userId)
                .execute());
    }

    @Override
    public boolean wasReplayed(String codeHash) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM oidc_authorization_codes"
                        + " WHERE code_hash = :hash AND replayed_at IS NOT NULL")
                .bind("hash", codeHash)
                .mapTo(Integer.class)
                .one()) > 0;
    }
}
