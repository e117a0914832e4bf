package io.userservice.core.port.out;

/**
 * The one-time passwords of the second factor: RFC 6238 TOTP codes as every authenticator app
 * makes them (HMAC-SHA-1, 6 digits, 30-second steps), and recovery codes. Implementations are
 * safe to use from any number of threads at once.
 */
public interface OneTimePasswords {

    /** The length of a time step, in seconds. */
    long STEP_SECONDS = 30;

    /** A new random shared secret of 160 bits, in base32 (RFC 4648, no padding). */
    String newTotpSecret();

    /** The 6-digit code of the base32 secret for time step {@code step} (seconds since the epoch / 30). */
    String totpCode(String base32Secret, long step);

    /** A new random recovery code of at least 80 bits, easy to type (e.g. {@code abcd-efgh-ijkl-mnop}). */
    String newRecoveryCode();
}
