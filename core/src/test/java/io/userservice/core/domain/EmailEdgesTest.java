package io.userservice.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmailEdgesTest {

    /** A domain of {@code length} characters in labels of at most 60. */
    private static String domainOf(int length) {
        StringBuilder domain = new StringBuilder();
        while (length - domain.length() > 61) {
            domain.append("d".repeat(60)).append('.');
        }
        return domain.append("e".repeat(length - domain.length())).toString();
    }

    @Test
    void anAddressOfAtMost254CharactersIsAccepted() {
        String longest = "a".repeat(64) + "@" + domainOf(189);
        assertThat(longest).hasSize(254);

        assertThat(Email.of(longest).value()).isEqualTo(longest);
        assertThat(Email.parse("a" + longest)).isEmpty();
        assertThat(Email.parse("a".repeat(63) + "@" + domainOf(191))).isEmpty();
    }

    @Test
    void theLocalPartHasOneTo64Characters() {
        assertThat(Email.parse("a".repeat(64) + "@example.com")).isPresent();
        assertThat(Email.parse("a".repeat(65) + "@example.com")).isEmpty();
        assertThat(Email.parse("@example.com")).isEmpty();
        assertThatThrownBy(() -> new Email("@example.com")).isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("code", "invalid_email");
    }

    @Test
    void aDomainLabelHasAtMost63Characters() {
        assertThat(Email.parse("ann@" + "b".repeat(63) + ".com")).isPresent();
        assertThat(Email.parse("ann@" + "b".repeat(64) + ".com")).isEmpty();
    }

    @Test
    void theFirstSpecialCharacterAndTheEdgesOfEachCharacterRangeAreAllowed() {
        assertThat(Email.parse("!ann@example.com")).map(Email::value).contains("!ann@example.com");
        assertThat(Email.parse("az09@az09.example")).map(Email::value).contains("az09@az09.example");
        assertThat(Email.parse("AZ@EXAMPLE.COM")).map(Email::value).contains("az@example.com");
        assertThat(Email.parse("a@b.c")).map(Email::value).contains("a@b.c");
        assertThat(Email.parse("z@y.x9")).map(Email::value).contains("z@y.x9");
        assertThat(Email.parse("ann@exam_ple.com")).isEmpty();
        assertThat(Email.parse("ann@exam`ple.com")).isEmpty();
        assertThat(Email.parse("ann@exam{ple.com")).isEmpty();
        assertThat(Email.parse("ann@exam/ple.com")).isEmpty();
        assertThat(Email.parse("ann@exam:ple.com")).isEmpty();
    }

    @Test
    void theTextOfAnAddressIsTheAddress() {
        assertThat(Email.of(" Ann@Example.com ")).hasToString("ann@example.com");
    }
}
