package io.userservice.jdbc;

import io.userservice.core.domain.MfaChallenge;
import io.userservice.core.port.out.MfaChallengePort;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Sign-ins waiting for their second factor, in {@code mfa_challenges}, keyed by token hash. */
final class JdbiMfaChallenges implements MfaChallengePort {

    private static final String LIVE = " used_at IS NULL AND failures < :max AND expires_at > :now";

    private final Jdbi jdbi;

    JdbiMfaChallenges(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void save(MfaChallenge challenge) {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO mfa_challenges (token_hash, user_id,"
                        + " credential_epoch, channel, device_id, failures, created_at, expires_at, used_at)"
                        + " VALUES (:hash, :userId, :epoch, :channel, :deviceId, 0, :createdAt, :expiresAt, NULL)")
                .bind("hash", challenge.tokenHash())
                .bind("userId", challenge.userId())
                .bind("epoch", challenge.credentialEpoch())
                .bind("channel", challenge.channel())
                .bind("deviceId", challenge.deviceId())
                .bind("createdAt", Millis.of(challenge.createdAt()))
                .bind("expiresAt", Millis.of(challenge.expiresAt()))
                .execute());
    }

    @Override
    public Optional<MfaChallenge> findLive(String tokenHash, Instant now, int maxFailures) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT token_hash, user_id, credential_epoch, channel,"
                        + " device_id, created_at, expires_at FROM mfa_challenges WHERE token_hash = :hash AND" + LIVE)
                .bind("hash", tokenHash)
                .bind("max", maxFailures)
                .bind("now", Millis.of(now))
                .map((row, ctx) -> new MfaChallenge(row.getString("token_hash"), row.getLong("user_id"),
                        row.getLong("credential_epoch"), row.getString("channel"), row.getString("device_id"),
                        Millis.read(row, "created_at"), Millis.read(row, "expires_at")))
                .findOne());
    }

    /** The condition on the count keeps racing wrong codes from counting past the limit. */
    @Override
    public void countFailure(String tokenHash, int maxFailures) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE mfa_challenges SET failures = failures + 1"
                        + " WHERE token_hash = :hash AND used_at IS NULL AND failures < :max")
                .bind("hash", tokenHash)
                .bind("max", maxFailures)
                .execute());
    }

    @Override
    public boolean consume(String tokenHash, Instant now, int maxFailures) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE mfa_challenges SET used_at = :now"
                        + " WHERE token_hash = :hash AND" + LIVE)
                .bind("hash", tokenHash)
                .bind("max", maxFailures)
                .bind("now", Millis.of(now))
                .execute()) == 1;
    }

    @Override
    public int deleteExpiredBefore(Instant cutoff) {
        return ConflictRetry.retried(() -> jdbi.withHandle(handle -> handle.createUpdate(
                        "DELETE FROM mfa_challenges WHERE expires_at < :cutoff")
                .bind("cutoff", Millis.of(cutoff))
                .execute()));
    }

    @Override
    public int eraseUser(long userId) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM mfa_challenges WHERE user_id = :userId")
                .bind("userId", userId)
                .execute());
    }
}
