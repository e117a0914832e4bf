package io.userservice.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A WebAuthn challenge handed to a browser, kept server-side (by digest) until one ceremony
 * consumes it.
 *
 * @param digest    digest of the challenge
 * @param purpose   the ceremony it was issued for; it works for no other
 * @param userId    the user registering a passkey or answering a second-factor challenge;
 *                  {@code null} for a sign-in, where the credential names its user
 * @param expiresAt when it stops working
 */
public record PasskeyChallenge(String digest, Purpose purpose, Long userId, Instant createdAt, Instant expiresAt) {

    public PasskeyChallenge {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(purpose, "purpose");
        if (purpose != Purpose.SIGN_IN && userId == null) {
            throw new IllegalArgumentException("a registration or second-factor challenge belongs to a user");
        }
    }

    /**
     * The ceremony a challenge is for: {@code SECOND_FACTOR} answers the second step of a
     * password sign-in and belongs to the challenged user.
     */
    public enum Purpose { REGISTRATION, SIGN_IN, SECOND_FACTOR }
}
