package io.userservice.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The bounds of an attribute's key and text, at their exact edges, counted in code points. */
class AttributesTest {

    private static final String CLEF = "\uD834\uDD1E"; // one code point, two UTF-16 units

    @Test
    void aKeyOfExactlyTheLongestLengthIsAcceptedAndOneMoreIsNot() {
        String longest = "k".repeat(Attributes.MAX_KEY_LENGTH);
        assertThat(Attributes.checkKey(longest)).isSameAs(longest);
        assertThat(Attributes.checkKey(CLEF.repeat(Attributes.MAX_KEY_LENGTH))).hasSize(2 * Attributes.MAX_KEY_LENGTH);
        assertThatThrownBy(() -> Attributes.checkKey(longest + "k"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo("attribute_key_too_long");
                    assertThat(e.field()).isEqualTo("attributeKey");
                    assertThat(e.getMessage()).contains("128");
                });
    }

    @Test
    void aTextOfExactlyTheLongestLengthIsAcceptedAndOneMoreIsNot() {
        String longest = "v".repeat(Attributes.MAX_VALUE_LENGTH);
        assertThat(Attributes.checkValue(longest)).isSameAs(longest);
        String longestInPairs = CLEF.repeat(Attributes.MAX_VALUE_LENGTH);
        assertThat(Attributes.checkValue(longestInPairs)).isSameAs(longestInPairs);
        for (String over : new String[] {longest + "v", longestInPairs + "v", longestInPairs + CLEF}) {
            assertThatThrownBy(() -> Attributes.checkValue(over))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.code()).isEqualTo("attribute_text_too_long");
                        assertThat(e.getMessage()).contains("8192");
                    });
        }
    }

    @Test
    void emptyKeysControlCharactersAndNulAreRefused() {
        assertThatThrownBy(() -> Attributes.checkKey("")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.code()).isEqualTo("attribute_key_required"));
        assertThatThrownBy(() -> Attributes.checkKey("a\tb")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.code()).isEqualTo("invalid_attribute_key"));
        assertThatThrownBy(() -> Attributes.checkValue("a\0b")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.code()).isEqualTo("invalid_attribute_text"));
        assertThatThrownBy(() -> Attributes.checkValue("\0ab")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.code()).isEqualTo("invalid_attribute_text"));
        assertThat(Attributes.checkValue("")).isEmpty();
        assertThat(Attributes.checkValue("line\nbreak")).isEqualTo("line\nbreak");
    }
}
