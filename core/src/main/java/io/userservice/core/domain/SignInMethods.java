package io.userservice.core.domain;

import java.util.List;

/**
 * How a user signed in to a browser session, as the ID token's {@code amr} values (RFC 8176),
 * stored space separated, and the {@code acr} that follows from them.
 * <ul>
 *   <li>{@link #PASSWORD}: {@code pwd}, one factor, {@code acr} {@code "1"};</li>
 *   <li>{@link #PASSWORD_AND_CODE}: {@code pwd otp} after a TOTP code or a recovery code (a
 *       recovery code is a one-time password too), two factors, {@code acr} {@code "2"};</li>
 *   <li>{@link #PASSKEY}: {@code pop user}, proof of possession of a key with user verification.
 *       A passkey may live in hardware or be synced in software and the assertion does not say
 *       which, so neither {@code hwk} nor {@code swk} is claimed; the key and the verified user
 *       are two factors, {@code acr} {@code "2"};</li>
 *   <li>{@link #PASSWORD_AND_PASSKEY}: {@code pwd pop user} after a passkey answered the second
 *       step of a password sign-in, {@code acr} {@code "2"}.</li>
 * </ul>
 */
public final class SignInMethods {

    public static final String PASSWORD = "pwd";
    public static final String PASSWORD_AND_CODE = "pwd otp";
    public static final String PASSKEY = "pop user";
    public static final String PASSWORD_AND_PASSKEY = "pwd pop user";

    /** The {@code acr} values this service issues. */
    public static final List<String> ACR_VALUES = List.of("1", "2");

    private SignInMethods() {
    }

    /** The {@code amr} claim of a stored value, or an empty list when it is not known. */
    public static List<String> amr(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        return List.of(stored.trim().split(" +"));
    }

    /** The {@code acr} claim of a stored value: {@code "2"} for two factors, {@code "1"} for one, or {@code null}. */
    public static String acr(String stored) {
        List<String> amr = amr(stored);
        if (amr.isEmpty()) {
            return null;
        }
        boolean twoFactors = amr.contains("otp") || amr.contains("user") && amr.contains("pop");
        return twoFactors ? "2" : "1";
    }
}
