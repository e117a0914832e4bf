package io.userservice.jdbc;

import io.userservice.core.domain.PasskeyChallenge;
import io.userservice.core.port.out.PasskeyChallengePort;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/** WebAuthn challenges in the {@code passkey_challenges} table, by digest; consumed by one DELETE. */
final class JdbiPasskeyChallenges implements PasskeyChallengePort {

    private final Jdbi jdbi;

    JdbiPasskeyChallenges(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void save(PasskeyChallenge challenge) {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO passkey_challenges (digest, purpose, user_id,"
                        + " created_at, expires_at) VALUES (:digest, :purpose, :userId, :createdAt, :expiresAt)")
                .bind("digest", challenge.digest())
                .bind("purpose", challenge.purpose().name())
                .bind("userId", challenge.userId())
                .bind("createdAt", Millis.of(challenge.createdAt()))
                .bind("expiresAt", Millis.of(challenge.expiresAt()))
                .execute());
    }

    /** The row count of one DELETE decides: of racing statements on any instances, one removes the row. */
    @Override
    public boolean consume(String digest, PasskeyChallenge.Purpose purpose, Long userId, Instant now) {
        String ofUser = userId == null ? "user_id IS NULL" : "user_id = :userId";
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM passkey_challenges WHERE digest = :digest"
                        + " AND purpose = :purpose AND " + ofUser + " AND expires_at > :now")
                .bind("digest", digest)
                .bind("purpose", purpose.name())
                .bind("userId", userId)
                .bind("now", Millis.of(now))
                .execute()) == 1;
    }

    @Override
    public int deleteExpiredBefore(Instant cutoff) {
        return ConflictRetry.retried(() -> jdbi.withHandle(handle -> handle.createUpdate(
                        "DELETE FROM passkey_challenges WHERE expires_at < :cutoff")
                .bind("cutoff", Millis.of(cutoff))
                .execute()));
    }
}
