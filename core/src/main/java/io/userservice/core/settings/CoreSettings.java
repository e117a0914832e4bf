package io.userservice.core.settings;

import io.userservice.core.domain.PasswordPolicy;
import java.time.Duration;

/**
 * The tunable rules of the core.
 *
 * @param requireConfirmation    whether new users must confirm their email before signing in
 * @param accessTokenTtl         lifetime of an access token
 * @param refreshTokenTtl        lifetime of a refresh token (renewed by each rotation, up to the
 *                               session's maximum lifetime)
 * @param refreshReuseGrace      how long after a rotation a second use of the old token still gets
 *                               the same successor instead of revoking the family; zero is strict
 * @param confirmationCodeTtl    lifetime of an email confirmation code
 * @param resetCodeTtl           lifetime of a password reset code
 * @param passwordPolicy         the rules for new passwords
 * @param portalSessionTtl       lifetime of a portal sign-in session
 * @param sessionMaxLifetime     how long a refresh-token family lives after its sign-in, however
 *                               often it is rotated
 * @param portalTokenMaxLifetime the longest lifetime of a portal-capable token (the Nexudus token
 *                               endpoint, {@code /user/me}) and of an impersonation token; a longer
 *                               requested validity is shortened to it
 */
public record CoreSettings(boolean requireConfirmation, Duration accessTokenTtl,
                           Duration refreshTokenTtl, Duration refreshReuseGrace,
                           Duration confirmationCodeTtl, Duration resetCodeTtl,
                           PasswordPolicy passwordPolicy, Duration portalSessionTtl,
                           Duration sessionMaxLifetime, Duration portalTokenMaxLifetime) {

    public CoreSettings {
        positive(accessTokenTtl, "accessTokenTtl");
        positive(refreshTokenTtl, "refreshTokenTtl");
        positive(confirmationCodeTtl, "confirmationCodeTtl");
        positive(resetCodeTtl, "resetCodeTtl");
        positive(portalSessionTtl, "portalSessionTtl");
        positive(sessionMaxLifetime, "sessionMaxLifetime");
        positive(portalTokenMaxLifetime, "portalTokenMaxLifetime");
        if (refreshReuseGrace == null || refreshReuseGrace.isNegative()) {
            throw new IllegalArgumentException("refreshReuseGrace must be zero or positive");
        }
        if (passwordPolicy == null) {
            throw new IllegalArgumentException("passwordPolicy is required");
        }
    }

    /**
     * Confirmation required, 15-minute access tokens, 30-day refresh tokens, 10 s grace, 12-hour
     * portal sessions, sessions that end 30 days after their sign-in, portal and impersonation
     * tokens of at most an hour.
     */
    public static CoreSettings defaults() {
        return new CoreSettings(true, Duration.ofMinutes(15), Duration.ofDays(30), Duration.ofSeconds(10),
                Duration.ofDays(2), Duration.ofHours(1), PasswordPolicy.defaults(), Duration.ofHours(12),
                Duration.ofDays(30), Duration.ofHours(1));
    }

    public CoreSettings withRequireConfirmation(boolean value) {
        return new CoreSettings(value, accessTokenTtl, refreshTokenTtl, refreshReuseGrace,
                confirmationCodeTtl, resetCodeTtl, passwordPolicy, portalSessionTtl, sessionMaxLifetime,
                portalTokenMaxLifetime);
    }

    public CoreSettings withRefreshReuseGrace(Duration value) {
        return new CoreSettings(requireConfirmation, accessTokenTtl, refreshTokenTtl, value,
                confirmationCodeTtl, resetCodeTtl, passwordPolicy, portalSessionTtl, sessionMaxLifetime,
                portalTokenMaxLifetime);
    }

    public CoreSettings withSessionMaxLifetime(Duration value) {
        return new CoreSettings(requireConfirmation, accessTokenTtl, refreshTokenTtl, refreshReuseGrace,
                confirmationCodeTtl, resetCodeTtl, passwordPolicy, portalSessionTtl, value, portalTokenMaxLifetime);
    }

    public CoreSettings withPortalTokenMaxLifetime(Duration value) {
        return new CoreSettings(requireConfirmation, accessTokenTtl, refreshTokenTtl, refreshReuseGrace,
                confirmationCodeTtl, resetCodeTtl, passwordPolicy, portalSessionTtl, sessionMaxLifetime, value);
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
