package io.userservice.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValueRulesTest {

    @Test
    void languagesAreTagsWithAnEnglishDefault() {
        assertThat(Language.of(null)).isEqualTo("en");
        assertThat(Language.of("")).isEqualTo("en");
        assertThat(Language.of("DE")).isEqualTo("de");
        assertThat(Language.of("pt-br")).isEqualTo("pt-BR");
        assertThatThrownBy(() -> Language.of("english please")).hasFieldOrPropertyWithValue("code", "invalid_language");
        assertThatThrownBy(() -> Language.of("e")).hasFieldOrPropertyWithValue("code", "invalid_language");
    }

    @Test
    void namesAreBoundedAndFreeOfControlCharacters() {
        assertThat(PersonName.check("firstname", null)).isNull();
        assertThat(PersonName.check("firstname", "")).isEmpty();
        assertThat(PersonName.check("lastname", "O'Brien-Ñúñez")).isEqualTo("O'Brien-Ñúñez");
        assertThatThrownBy(() -> PersonName.check("firstname", "a\nb")).hasFieldOrPropertyWithValue("code", "invalid_name");
        assertThatThrownBy(() -> PersonName.check("firstname", "x".repeat(101)))
                .hasFieldOrPropertyWithValue("code", "name_too_long");
    }

    @Test
    void attributeKeysAndValuesAreChecked() {
        assertThat(Attributes.checkKey("key_one")).isEqualTo("key_one");
        assertThat(Attributes.checkValue("")).isEmpty();
        assertThat(Attributes.checkValue("line one\nline two")).contains("\n");
        assertThatThrownBy(() -> Attributes.checkKey("")).hasFieldOrPropertyWithValue("code", "attribute_key_required");
        assertThatThrownBy(() -> Attributes.checkKey("a\u0000")).hasFieldOrPropertyWithValue("code",
                "invalid_attribute_key");
        assertThatThrownBy(() -> Attributes.checkKey("k".repeat(129))).hasFieldOrPropertyWithValue("code",
                "attribute_key_too_long");
        assertThatThrownBy(() -> Attributes.checkValue(null)).hasFieldOrPropertyWithValue("code",
                "attribute_text_required");
        assertThatThrownBy(() -> Attributes.checkValue("a\u0000")).hasFieldOrPropertyWithValue("code",
                "invalid_attribute_text");
    }

    @Test
    void roleNamesAreLowerCaseWords() {
        assertThat(Role.ADMIN.name()).isEqualTo("admin");
        assertThat(new Role("user-edit")).isEqualTo(Role.USER_EDIT);
        assertThatThrownBy(() -> new Role("Admin")).isInstanceOf(InvalidInputException.class);
    }
}
