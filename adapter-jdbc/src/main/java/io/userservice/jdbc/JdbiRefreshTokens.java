package io.userservice.jdbc;

import io.userservice.core.domain.RefreshToken;
import io.userservice.core.domain.Session;
import io.userservice.core.domain.SessionClient;
import io.userservice.core.port.out.RefreshTokenPort;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Refresh tokens in the {@code refresh_tokens} table, keyed by token hash, and their families in
 * {@code refresh_families}. The family row is the point where rotations and revocations of one
 * family meet: both update it first, so the database serializes them on its row lock. Without it,
 * a revocation under READ COMMITTED would not see a successor whose rotation committed while the
 * revocation ran, and that successor would stay live after theft was detected.
 */
final class JdbiRefreshTokens implements RefreshTokenPort {

    private static final String SELECT = "SELECT t.token_hash, t.family_id, t.user_id, t.issued_at, t.expires_at,"
            + " t.rotated_at, t.sealed_successor, t.revoked_at, f.revoked_at AS family_revoked_at, f.epoch,"
            + " f.created_at AS family_created_at FROM refresh_tokens t"
            + " JOIN refresh_families f ON f.family_id = t.family_id";

    /**
     * The columns that note a use of the family by {@code :address} and {@code :agent}; the
     * {@code last_used_at = :at} that must follow them is the caller's. The first use is also kept
     * as the sign-in's client, and MariaDB assigns left to right with the new values: these go
     * before {@code last_used_at}.
     */
    private static final String USED_BY = "sign_in_address = CASE WHEN last_used_at IS NULL THEN :address"
            + " ELSE sign_in_address END,"
            + " sign_in_user_agent = CASE WHEN last_used_at IS NULL THEN :agent ELSE sign_in_user_agent END,"
            + " last_address = :address, last_user_agent = :agent, ";

    /**
     * PostgreSQL's rotation in one statement, as {@link #rotate(String, RefreshToken, byte[], Instant,
     * SessionClient)} describes it: the family row locked first (while it is not revoked), then the
     * parent marked rotated (while it is neither rotated nor revoked), then the use noted on the
     * family and the successor inserted, each only when the step before it changed its row. The
     * locks are taken in the order a revocation takes them, and held until the statement commits.
     */
    private static final String ROTATE_IN_ONE_STATEMENT = rotationInOneStatement("");
    /** The same, noting the use by {@code :address} and {@code :agent}. */
    private static final String ROTATE_AND_NOTE_USE_IN_ONE_STATEMENT =
            rotationInOneStatement(USED_BY + "last_used_at = :at, ");

    private static String rotationInOneStatement(String useColumns) {
        return "WITH claimed AS (SELECT family_id FROM refresh_families"
                + " WHERE family_id = :family AND revoked_at IS NULL FOR UPDATE),"
                + " rotated AS (UPDATE refresh_tokens SET rotated_at = :at, sealed_successor = :sealed"
                + " WHERE token_hash = :hash AND family_id = :family AND rotated_at IS NULL"
                + " AND revoked_at IS NULL AND EXISTS (SELECT 1 FROM claimed) RETURNING token_hash),"
                + " used AS (UPDATE refresh_families SET " + useColumns + "last_rotated_at = :at"
                + " WHERE family_id = :family AND EXISTS (SELECT 1 FROM rotated) RETURNING family_id)"
                + " INSERT INTO refresh_tokens (token_hash, family_id, user_id, issued_at, expires_at)"
                + " SELECT :successor, :family, CAST(:userId AS BIGINT), CAST(:issuedAt AS BIGINT),"
                + " CAST(:expiresAt AS BIGINT) WHERE EXISTS (SELECT 1 FROM used)";
    }

    private final Jdbi jdbi;
    private final boolean rotateInOneStatement;

    JdbiRefreshTokens(Jdbi jdbi) {
        this(jdbi, false);
    }

    /**
     * @param rotateInOneStatement whether the database runs data-modifying statements in {@code WITH}
     *                             (PostgreSQL): a rotation is then one round trip instead of four
     */
    JdbiRefreshTokens(Jdbi jdbi, boolean rotateInOneStatement) {
        this.jdbi = jdbi;
        this.rotateInOneStatement = rotateInOneStatement;
    }

    @Override
    public void save(RefreshToken token) {
        ConflictRetry.retried(() -> jdbi.inTransaction(handle -> {
            boolean familyExists = handle.createQuery("SELECT COUNT(*) FROM refresh_families WHERE family_id = :family")
                    .bind("family", token.familyId().toString())
                    .mapTo(Integer.class)
                    .one() > 0;
            if (!familyExists) {
                handle.createUpdate("INSERT INTO refresh_families (family_id, user_id, epoch, created_at)"
                                + " VALUES (:family, :userId, :epoch, :createdAt)")
                        .bind("family", token.familyId().toString())
                        .bind("userId", token.userId())
                        .bind("epoch", token.epoch())
                        .bind("createdAt", Millis.of(token.sessionStartedAt()))
                        .execute();
            }
            insert(handle, token);
            return null;
        }));
    }

    private static void insert(Handle handle, RefreshToken token) {
        handle.createUpdate("INSERT INTO refresh_tokens (token_hash, family_id, user_id, issued_at, expires_at,"
                        + " rotated_at, sealed_successor, revoked_at) VALUES (:hash, :family, :userId, :issuedAt,"
                        + " :expiresAt, :rotatedAt, :sealed, :revokedAt)")
                .bind("hash", token.tokenHash())
                .bind("family", token.familyId().toString())
                .bind("userId", token.userId())
                .bind("issuedAt", Millis.of(token.issuedAt()))
                .bind("expiresAt", Millis.of(token.expiresAt()))
                .bind("rotatedAt", Millis.of(token.rotatedAt()))
                .bind("sealed", token.sealedSuccessor())
                .bind("revokedAt", Millis.of(token.revokedAt()))
                .execute();
    }

    @Override
    public Optional<RefreshToken> findByHash(String tokenHash) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + " WHERE t.token_hash = :hash")
                .bind("hash", tokenHash)
                .map((row, ctx) -> token(row))
                .findOne());
    }

    /**
     * In one transaction: claims the family row (only while the family is not revoked), marks the
     * parent rotated only if it is neither rotated nor revoked, and only then inserts the
     * successor. The family update waits for a revocation of the family in progress and then finds
     * it revoked; a revocation that starts meanwhile waits for this transaction and then sees the
     * successor. Of racing rotations of one parent, exactly one changes it.
     */
    @Override
    public boolean rotate(String parentHash, RefreshToken successor, byte[] sealedSuccessor, Instant at) {
        return rotate(parentHash, successor, sealedSuccessor, at, null);
    }

    /**
     * In one transaction: claims the family row (only while the family is not revoked), noting
     * there the use by {@code usedBy} when it is given, marks the parent rotated only if it is
     * neither rotated nor revoked, and only then inserts the successor. The family update waits for
     * a revocation of the family in progress and then finds it revoked; a revocation that starts
     * meanwhile waits for this transaction and then sees the successor. Of racing rotations of one
     * parent, exactly one changes it; the others roll back, their use noted nowhere.
     */
    @Override
    public boolean rotate(String parentHash, RefreshToken successor, byte[] sealedSuccessor, Instant at,
                          SessionClient usedBy) {
        // the statement inserts a fresh successor (not rotated, no sealed successor, not revoked), which
        // is what the core rotates to; anything else goes through the transaction
        if (rotateInOneStatement && successor.rotatedAt() == null && successor.revokedAt() == null
                && successor.sealedSuccessor() == null) {
            return ConflictRetry.retried(() -> jdbi.withHandle(handle -> {
                var rotation = handle.createUpdate(usedBy == null ? ROTATE_IN_ONE_STATEMENT
                                : ROTATE_AND_NOTE_USE_IN_ONE_STATEMENT)
                        .bind("family", successor.familyId().toString())
                        .bind("at", Millis.of(at))
                        .bind("sealed", sealedSuccessor)
                        .bind("hash", parentHash)
                        .bind("successor", successor.tokenHash())
                        .bind("userId", successor.userId())
                        .bind("issuedAt", Millis.of(successor.issuedAt()))
                        .bind("expiresAt", Millis.of(successor.expiresAt()));
                if (usedBy != null) {
                    rotation.bind("address", usedBy.address()).bind("agent", usedBy.userAgent());
                }
                return rotation.execute() == 1;
            }));
        }
        return ConflictRetry.retried(() -> jdbi.inTransaction(handle -> {
            var claim = handle.createUpdate("UPDATE refresh_families SET "
                            + (usedBy == null ? "" : USED_BY + "last_used_at = :at, ") + "last_rotated_at = :at"
                            + " WHERE family_id = :family AND revoked_at IS NULL")
                    .bind("at", Millis.of(at))
                    .bind("family", successor.familyId().toString());
            if (usedBy != null) {
                claim.bind("address", usedBy.address()).bind("agent", usedBy.userAgent());
            }
            if (claim.execute() != 1) {
                return false;
            }
            int rotated = handle.createUpdate("UPDATE refresh_tokens SET rotated_at = :at, sealed_successor = :sealed"
                            + " WHERE token_hash = :hash AND family_id = :family AND rotated_at IS NULL"
                            + " AND revoked_at IS NULL")
                    .bind("at", Millis.of(at))
                    .bind("sealed", sealedSuccessor)
                    .bind("hash", parentHash)
                    .bind("family", successor.familyId().toString())
                    .execute();
            if (rotated != 1) {
                handle.rollback();
                return false;
            }
            insert(handle, successor);
            return true;
        }));
    }

    @Override
    public int revokeFamily(UUID familyId, Instant at) {
        return ConflictRetry.retried(() -> jdbi.inTransaction(handle -> {
            handle.createUpdate("UPDATE refresh_families SET revoked_at = :at WHERE family_id = :family"
                            + " AND revoked_at IS NULL")
                    .bind("at", Millis.of(at))
                    .bind("family", familyId.toString())
                    .execute();
            return handle.createUpdate("UPDATE refresh_tokens SET revoked_at = :at WHERE family_id = :family"
                            + " AND revoked_at IS NULL")
                    .bind("at", Millis.of(at))
                    .bind("family", familyId.toString())
                    .execute();
        }));
    }

    @Override
    public int revokeAllOfUser(long userId, Instant at) {
        return ConflictRetry.retried(() -> jdbi.inTransaction(handle -> {
            handle.createUpdate("UPDATE refresh_families SET revoked_at = :at WHERE user_id = :userId"
                            + " AND revoked_at IS NULL")
                    .bind("at", Millis.of(at))
                    .bind("userId", userId)
                    .execute();
            return handle.createUpdate("UPDATE refresh_tokens SET revoked_at = :at WHERE user_id = :userId"
                            + " AND revoked_at IS NULL")
                    .bind("at", Millis.of(at))
                    .bind("userId", userId)
                    .execute();
        }));
    }

    private static RefreshToken token(ResultSet row) throws SQLException {
        Instant revokedAt = Millis.read(row, "revoked_at");
        if (revokedAt == null) {
            revokedAt = Millis.read(row, "family_revoked_at");
        }
        return new RefreshToken(row.getString("token_hash"), UUID.fromString(row.getString("family_id")),
                row.getLong("user_id"), Millis.read(row, "issued_at"), Millis.read(row, "expires_at"),
                Millis.read(row, "rotated_at"), row.getBytes("sealed_successor"), revokedAt, row.getLong("epoch"),
                Millis.read(row, "family_created_at"));
    }

    @Override
    public void recordUse(UUID familyId, SessionClient client, Instant at) {
        ConflictRetry.retried(() -> jdbi.withHandle(handle -> handle.createUpdate("UPDATE refresh_families SET "
                        + USED_BY + "last_used_at = :at WHERE family_id = :family")
                .bind("address", client.address())
                .bind("agent", client.userAgent())
                .bind("at", Millis.of(at))
                .bind("family", familyId.toString())
                .execute()));
    }

    @Override
    public List<Session> sessionsOf(long userId, long epoch, Instant now) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT f.family_id, f.created_at, f.last_used_at,"
                        + " f.last_address, f.last_user_agent, f.sign_in_address, f.sign_in_user_agent"
                        + " FROM refresh_families f WHERE f.user_id = :userId AND f.epoch = :epoch"
                        + " AND f.revoked_at IS NULL AND EXISTS (SELECT 1 FROM refresh_tokens t"
                        + " WHERE t.family_id = f.family_id AND t.rotated_at IS NULL AND t.revoked_at IS NULL"
                        + " AND t.expires_at > :now) ORDER BY f.created_at DESC, f.family_id")
                .bind("userId", userId)
                .bind("epoch", epoch)
                .bind("now", Millis.of(now))
                .map((row, ctx) -> new Session(UUID.fromString(row.getString("family_id")),
                        Millis.read(row, "created_at"), Millis.read(row, "last_used_at"),
                        new SessionClient(row.getString("last_address"), row.getString("last_user_agent")),
                        new SessionClient(row.getString("sign_in_address"), row.getString("sign_in_user_agent"))))
                .list());
    }

    /** The family row decides, as in {@link #revokeFamily}: of racing calls one updates it. */
    @Override
    public boolean revokeSession(long userId, UUID familyId, Instant at) {
        return ConflictRetry.retried(() -> jdbi.inTransaction(handle -> {
            int family = handle.createUpdate("UPDATE refresh_families SET revoked_at = :at WHERE family_id = :family"
                            + " AND user_id = :userId AND revoked_at IS NULL")
                    .bind("at", Millis.of(at))
                    .bind("family", familyId.toString())
                    .bind("userId", userId)
                    .execute();
            if (family != 1) {
                return false;
            }
            handle.createUpdate("UPDATE refresh_tokens SET revoked_at = :at WHERE family_id = :family"
                            + " AND revoked_at IS NULL")
                    .bind("at", Millis.of(at))
                    .bind("family", familyId.toString())
                    .execute();
            return true;
        }));
    }

    @Override
    public int eraseUser(long userId) {
        return ConflictRetry.retried(() -> jdbi.inTransaction(handle -> {
            int tokens = handle.createUpdate("DELETE FROM refresh_tokens WHERE user_id = :userId")
                    .bind("userId", userId)
                    .execute();
            handle.createUpdate("DELETE FROM refresh_families WHERE user_id = :userId")
                    .bind("userId", userId)
                    .execute();
            return tokens;
        }));
    }
}
