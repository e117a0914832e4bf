package io.userservice.core.domain;

/**
 * What a new password must satisfy: a minimum and a bounded maximum length, counted in
 * characters (Unicode code points), no NUL character, and not one of the 30,000 most common
 * passwords of public leak corpora (compared case-insensitively). There are no composition rules.
 * The maximum is checked before any hashing, so a huge password cannot burn CPU.
 */
public record PasswordPolicy(int minLength, int maxLength) {

    public static final int DEFAULT_MIN_LENGTH = 8;
    public static final int DEFAULT_MAX_LENGTH = 1024;

    public PasswordPolicy {
        if (minLength < 1 || maxLength < 64 || minLength > maxLength || maxLength > 4096) {
            throw new IllegalArgumentException(
                    "password lengths must satisfy 1 <= min <= max, 64 <= max <= 4096");
        }
    }

    public static PasswordPolicy defaults() {
        return new PasswordPolicy(DEFAULT_MIN_LENGTH, DEFAULT_MAX_LENGTH);
    }

    /** Throws {@link InvalidInputException} unless the password may be set as a new password. */
    public void check(String password) {
        if (password == null || password.isEmpty()) {
            throw new InvalidInputException("password_required", "password", "A password is required.");
        }
        if (!isWithinMaximum(password)) {
            throw new InvalidInputException("password_too_long", "password",
                    "The password may be at most " + maxLength + " characters long.");
        }
        if (password.indexOf('\0') >= 0) {
            throw new InvalidInputException("invalid_password", "password",
                    "The password may not contain a NUL character.");
        }
        if (Text.codePointLength(password) < minLength) {
            throw new InvalidInputException("password_too_short", "password",
                    "The password must be at least " + minLength + " characters long.");
        }
        if (CommonPasswords.contains(password)) {
            throw new InvalidInputException("password_too_common", "password",
                    "This password is among the most commonly used ones; please choose another.");
        }
    }

    /**
     * True when a presented password could be checked against a hash at all. Sign-in uses this
     * instead of {@link #check}: a too-long or NUL-carrying password simply cannot match.
     */
    public boolean isVerifiable(String password) {
        return password != null && !password.isEmpty() && isWithinMaximum(password)
                && password.indexOf('\0') < 0;
    }

    private boolean isWithinMaximum(String password) {
        // cheap bound on UTF-16 units first, so a 100k-character string is refused without counting
        return password.length() <= 2L * maxLength && Text.codePointLength(password) <= maxLength;
    }
}
