package io.userservice.core.domain;

/**
 * Rules for the free-text first and last names. A name may be absent ({@code null}) or empty;
 * it is bounded in length and may not contain control characters.
 */
public final class PersonName {

    public static final int MAX_LENGTH = 100;

    private PersonName() {
    }

    /** Returns the name unchanged when valid, or throws {@link InvalidInputException}. */
    public static String check(String field, String name) {
        if (name == null) {
            return null;
        }
        if (Text.codePointLength(name) > MAX_LENGTH) {
            throw new InvalidInputException("name_too_long", field,
                    "The " + field + " may be at most " + MAX_LENGTH + " characters long.");
        }
        if (Text.hasControlCharacter(name)) {
            throw new InvalidInputException("invalid_name", field,
                    "The " + field + " may not contain control characters.");
        }
        return name;
    }
}
