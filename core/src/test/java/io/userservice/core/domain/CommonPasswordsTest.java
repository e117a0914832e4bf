package io.userservice.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The blocklist as its file says: every line a password, whatever its case, except the comment. */
class CommonPasswordsTest {

    private static List<String> lines() throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                CommonPasswords.class.getResourceAsStream(CommonPasswords.RESOURCE), StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }

    @Test
    void holdsEveryPasswordLineOfTheFileAndNothingElse() throws IOException {
        List<String> lines = lines();
        List<String> passwords = lines.stream().filter(l -> !l.startsWith("#")).toList();

        assertThat(lines.get(0)).startsWith("#");
        assertThat(CommonPasswords.size()).isEqualTo(
                (int) passwords.stream().map(p -> p.toLowerCase(Locale.ROOT)).distinct().count());
        assertThat(CommonPasswords.contains(lines.get(0))).isFalse();
        assertThat(CommonPasswords.contains("")).isFalse();
        assertThat(passwords).allSatisfy(p -> assertThat(CommonPasswords.contains(p)).as(p).isTrue());
    }

    @Test
    void matchesWhateverTheCase() {
        assertThat(CommonPasswords.contains("PassWord")).isTrue();
        assertThat(CommonPasswords.contains("QWERTY")).isTrue();
        assertThat(CommonPasswords.contains("a passphrase nobody has leaked yet, 2026")).isFalse();
    }
}
