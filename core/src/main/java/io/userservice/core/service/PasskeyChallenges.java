package io.userservice.core.service;

import io.userservice.core.domain.PasskeyChallenge;
import io.userservice.core.port.out.PasskeyChallengePort;
import io.userservice.core.port.out.SecretGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Issues WebAuthn challenges and consumes them once. A challenge is a fresh secret; its bytes go to
 * the browser, which signs them into the client data, and only its digest is stored. A response
 * names its challenge, so the challenge it names is the one consumed: one that was never issued,
 * was issued for another ceremony or user, is used or has expired consumes nothing.
 */
final class PasskeyChallenges {

    /** How long a ceremony may take, from options to response. */
    static final Duration TTL = Duration.ofMinutes(5);

    private static final int MAX_CHALLENGE_BYTES = 256;

    private final PasskeyChallengePort challenges;
    private final SecretGenerator secrets;
    private final Clock clock;

    PasskeyChallenges(PasskeyChallengePort challenges, SecretGenerator secrets, Clock clock) {
        this.challenges = challenges;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** A new challenge for {@code purpose} (and the registering user), as unpadded base64url. */
    String issue(PasskeyChallenge.Purpose purpose, Long userId) {
        return issue(purpose, userId, null);
    }

    /**
     * A new challenge bound, besides its purpose and user, to {@code boundTo} (e.g. the digest of
     * the sign-in challenge it answers): it is stored under a digest of both, so only a consume
     * naming the same binding finds it.
     */
    String issue(PasskeyChallenge.Purpose purpose, Long userId, String boundTo) {
        String secret = secrets.newSecret();
        Instant now = clock.instant();
        challenges.save(new PasskeyChallenge(digest(secret, boundTo), purpose, userId, now, now.plus(TTL)));
        return base64Url(secret.getBytes(StandardCharsets.US_ASCII));
    }

    /** Consumes the challenge a response names; false when it was not live, unused and of this purpose and user. */
    boolean consume(byte[] named, PasskeyChallenge.Purpose purpose, Long userId) {
        return consume(named, purpose, userId, null);
    }

    /** As above, for a challenge issued with the binding {@code boundTo}. */
    boolean consume(byte[] named, PasskeyChallenge.Purpose purpose, Long userId, String boundTo) {
        if (named == null || named.length == 0 || named.length > MAX_CHALLENGE_BYTES) {
            return false;
        }
        String secret = new String(named, StandardCharsets.ISO_8859_1);
        return challenges.consume(digest(secret, boundTo), purpose, userId, clock.instant());
    }

    private static String digest(String secret, String boundTo) {
        return Digests.sha256(boundTo == null ? secret : boundTo + ":" + secret);
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
