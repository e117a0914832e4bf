package io.userservice.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A sign-in waiting for its second factor: the password was right. Only the hash of its token is
 * kept. It works once, until it expires, and dies after too many wrong codes.
 *
 * @param tokenHash       the SHA-256 digest of the challenge token
 * @param userId          whose password was checked
 * @param credentialEpoch the user's credential epoch when the password was checked: a password
 *                        change or reset in between makes the challenge fail
 * @param channel         where the sign-in began ({@code native}, {@code portal}, {@code oidc});
 *                        the challenge is answered on the same channel only
 * @param deviceId        the device the sign-in came from, or null (see device tokens)
 */
public record MfaChallenge(String tokenHash, long userId, long credentialEpoch, String channel, String deviceId,
                           Instant createdAt, Instant expiresAt) {

    public MfaChallenge {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "MfaChallenge[user " + userId + ", " + channel + "]";
    }
}
