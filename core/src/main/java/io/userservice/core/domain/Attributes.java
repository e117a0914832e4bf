package io.userservice.core.domain;

/**
 * Rules for a user's custom attributes: string keys unique per user, string values, both
 * bounded, and a bounded number of attributes per user.
 */
public final class Attributes {

    public static final int MAX_KEY_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 8192;
    public static final int MAX_PER_USER = 200;

    private Attributes() {
    }

    /** Returns the key when valid, or throws {@link InvalidInputException}. */
    public static String checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidInputException("attribute_key_required", "attributeKey",
                    "An attribute key is required.");
        }
        if (Text.codePointLength(key) > MAX_KEY_LENGTH) {
            throw new InvalidInputException("attribute_key_too_long", "attributeKey",
                    "An attribute key may be at most " + MAX_KEY_LENGTH + " characters long.");
        }
        if (Text.hasControlCharacter(key)) {
            throw new InvalidInputException("invalid_attribute_key", "attributeKey",
                    "An attribute key may not contain control characters.");
        }
        return key;
    }

    /** Returns the value when valid, or throws {@link InvalidInputException}. */
    public static String checkValue(String value) {
        if (value == null) {
            throw new InvalidInputException("attribute_text_required", "attributeText",
                    "An attribute text is required.");
        }
        if (value.length() > 2 * MAX_VALUE_LENGTH || Text.codePointLength(value) > MAX_VALUE_LENGTH) {
            throw new InvalidInputException("attribute_text_too_long", "attributeText",
                    "An attribute text may be at most " + MAX_VALUE_LENGTH + " characters long.");
        }
        if (value.indexOf('\0') >= 0) {
            throw new InvalidInputException("invalid_attribute_text", "attributeText",
                    "An attribute text may not contain a NUL character.");
        }
        return value;
    }
}
