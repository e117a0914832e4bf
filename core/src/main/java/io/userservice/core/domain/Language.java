package io.userservice.core.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/** A user's preferred language as a BCP 47 tag such as {@code en} or {@code pt-BR}. */
public final class Language {

    public static final String DEFAULT = "en";
    /**
     * The tags accepted: a language and up to three subtags (script, region, variant), such as
     * {@code de}, {@code pt-BR} or {@code zh-Hant-TW}; for routes that carry a user's language.
     */
    public static final String TAG_PATTERN = "[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8}){0,3}";
    private static final Pattern TAG = Pattern.compile(TAG_PATTERN);

    private Language() {
    }

    /** The tag in canonical case, {@link #DEFAULT} when absent, or {@link InvalidInputException}. */
    public static String of(String tag) {
        if (tag == null || tag.isBlank()) {
            return DEFAULT;
        }
        String trimmed = tag.strip();
        if (trimmed.length() > 35 || !TAG.matcher(trimmed).matches()) {
            throw new InvalidInputException("invalid_language", "language",
                    "The language must be a language tag such as 'en' or 'pt-BR'.");
        }
        return Locale.forLanguageTag(trimmed).toLanguageTag();
    }
}
