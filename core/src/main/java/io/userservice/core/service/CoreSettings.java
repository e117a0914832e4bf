package io.userservice.core.service;

import io.userservice.core.domain.PasswordPolicy;
import java.time.Duration;

/**
 * The tunable rules of the core.
 *
 * @param requireConfirmation  whether new users must confirm their email before signing in
 * @param accessTokenTtl       lifetime of an access token
 * @param refreshTokenTtl      lifetime of a refresh token (renewed by each rotation)
 * @param refreshReuseGrace    how long after a rotation a second use of the old token still gets
 *                             the same successor instead of revoking the family; zero is strict
 * @param confirmationCodeTtl  lifetime of an email confirmation code
 * @param resetCodeTtl         lifetime of a password reset code
 * @param passwordPolicy       the rules for new passwords
 * @param portalSessionTtl     lifetime of a portal sign-in session
 */
public record CoreSettings(boolean requireConfirmation, Duration accessTokenTtl,
                           Duration refreshTokenTtl, Duration refreshReuseGrace,
                           Duration confirmationCodeTtl, Duration resetCodeTtl,
                           PasswordPolicy passwordPolicy, Duration portalSessionTtl) {

    public CoreSettings {
        positive(accessTokenTtl, "accessTokenTtl");
        positive(refreshTokenTtl, "refreshTokenTtl");
        positive(confirmationCodeTtl, "confirmationCodeTtl");
        positive(resetCodeTtl, "resetCodeTtl");
        positive(portalSessionTtl, "portalSessionTtl");
        if (refreshReuseGrace == null || refreshReuseGrace.isNegative()) {
            throw new IllegalArgumentException("refreshReuseGrace must be zero or positive");
        }
        if (passwordPolicy == null) {
            throw new IllegalArgumentException("passwordPolicy is required");
        }
    }

    /**
     * Confirmation required, 15-minute access tokens, 30-day refresh tokens, 10 s grace, 12-hour
     * portal sessions.
     */
    public static CoreSettings defaults() {
        return new CoreSettings(true, Duration.ofMinutes(15), Duration.ofDays(30), Duration.ofSeconds(10),
                Duration.ofDays(2), Duration.ofHours(1), PasswordPolicy.defaults(), Duration.ofHours(12));
    }

    public CoreSettings withRequireConfirmation(boolean value) {
        return new CoreSettings(value, accessTokenTtl, refreshTokenTtl, refreshReuseGrace,
                confirmationCodeTtl, resetCodeTtl, passwordPolicy, portalSessionTtl);
    }

    public CoreSettings withRefreshReuseGrace(Duration value) {
        return new CoreSettings(requireConfirmation, accessTokenTtl, refreshTokenTtl, value,
                confirmationCodeTtl, resetCodeTtl, passwordPolicy, portalSessionTtl);
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
