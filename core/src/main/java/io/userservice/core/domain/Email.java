package io.userservice.core.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * An email address in its canonical form: trimmed and lower-cased. Two addresses that differ
 * only in case or surrounding blanks are the same {@code Email}, so uniqueness and lookups agree
 * on every store, whatever its collation.
 *
 * <p>Only plain ASCII addresses are accepted (RFC 5321 dot-atoms); this keeps look-alike Unicode
 * out of the identity space.
 */
public record Email(String value) {

    static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_LENGTH = 64;
    private static final String LOCAL_SPECIALS = "!#$%&'*+-/=?^_`{|}~.";

    public Email {
        if (value == null || !value.equals(canonical(value)) || !isValidCanonical(value)) {
            throw invalid();
        }
    }

    /** Parses user input into its canonical form, or throws {@link InvalidInputException}. */
    public static Email of(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException("email_required", "email", "An email address is required.");
        }
        return parse(raw).orElseThrow(Email::invalid);
    }

    /** The canonical email, or empty when the text is not a valid address (for lookups, not input). */
    public static Optional<Email> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String canonical = canonical(raw);
        return isValidCanonical(canonical) ? Optional.of(new Email(canonical)) : Optional.empty();
    }

    private static String canonical(String raw) {
        return raw.strip().toLowerCase(Locale.ROOT);
    }

    private static InvalidInputException invalid() {
        return new InvalidInputException("invalid_email", "email", "The email address is not valid.");
    }

    private static boolean isValidCanonical(String s) {
        if (s.length() > MAX_LENGTH) {
            return false;
        }
        int at = s.indexOf('@');
        if (at <= 0 || at != s.lastIndexOf('@') || at > MAX_LOCAL_LENGTH) {
            return false;
        }
        return isValidLocalPart(s.substring(0, at)) && isValidDomain(s.substring(at + 1));
    }

    private static boolean isValidLocalPart(String local) {
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return false;
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (!(isAsciiAlphaNumeric(c) || LOCAL_SPECIALS.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isValidDomain(String domain) {
        if (domain.isEmpty() || domain.length() > 253) {
            return false;
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(isAsciiAlphaNumeric(c) || c == '-')) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isAsciiAlphaNumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    @Override
    public String toString() {
        return value;
    }
}
