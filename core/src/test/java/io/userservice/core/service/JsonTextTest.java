package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JSON of webhook payloads: every supported value in its RFC 8259 form, lists and maps in
 * their order with one comma between elements, strings escaped so that no value can break out of
 * its quotes or end a line, and any other type refused rather than written wrongly.
 */
class JsonTextTest {

    @Test
    void scalarsAreWrittenAsJsonLiterals() {
        assertThat(JsonText.of(null)).isEqualTo("null");
        assertThat(JsonText.of(true)).isEqualTo("true");
        assertThat(JsonText.of(false)).isEqualTo("false");
        assertThat(JsonText.of(-7)).isEqualTo("-7");
        assertThat(JsonText.of(Long.MAX_VALUE)).isEqualTo("9223372036854775807");
        assertThat(JsonText.of("plain")).isEqualTo("\"plain\"");
        assertThat(JsonText.of("")).isEqualTo("\"\"");
    }

    @Test
    void listsKeepTheirOrderWithACommaOnlyBetweenElements() {
        assertThat(JsonText.of(List.of())).isEqualTo("[]");
        assertThat(JsonText.of(List.of("one"))).isEqualTo("[\"one\"]");
        assertThat(JsonText.of(Arrays.asList("a", 1L, true, null))).isEqualTo("[\"a\",1,true,null]");
        assertThat(JsonText.of(List.of(List.of(), List.of(1, 2)))).isEqualTo("[[],[1,2]]");
    }

    @Test
    void mapsKeepTheirOrderAndNestListsAndMaps() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("id", 42L);
        inner.put("roles", List.of("admin", "user_edit"));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "user.updated");
        payload.put("user", inner);
        payload.put("previous", null);
        payload.put("empty", Map.of());

        assertThat(JsonText.of(payload)).isEqualTo(
                "{\"type\":\"user.updated\",\"user\":{\"id\":42,\"roles\":[\"admin\",\"user_edit\"]},"
                        + "\"previous\":null,\"empty\":{}}");
    }

    @Test
    void noStringBreaksOutOfItsQuotesOrItsLine() {
        assertThat(JsonText.of("say \"hi\" \\ bye")).isEqualTo("\"say \\\"hi\\\" \\\\ bye\"");
        assertThat(JsonText.of("a\nb\rc\td")).isEqualTo("\"a\\nb\\rc\\td\"");
        assertThat(JsonText.of("\u0000\u001f\u0020")).isEqualTo("\"\\u0000\\u001f \"");
        assertThat(JsonText.of("\u2028\u2029\u2027")).isEqualTo("\"\\u2028\\u2029\u2027\"");
        assertThat(JsonText.of(Map.of("k\"ey", List.of("v\n")))).isEqualTo("{\"k\\\"ey\":[\"v\\n\"]}");
        assertThat(JsonText.of("é€😀")).isEqualTo("\"é€😀\"");
    }

    @Test
    void aValueWithNoJsonFormIsRefused() {
        assertThatThrownBy(() -> JsonText.of(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Double");
        assertThatThrownBy(() -> JsonText.of(List.of(new Object()))).isInstanceOf(IllegalArgumentException.class);
    }
}
