package io.userservice.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EmailTest {

    @Test
    void isTrimmedAndLowerCased() {
        assertThat(Email.of("  Jane.Doe+tag@Example.ORG \t").value()).isEqualTo("jane.doe+tag@example.org");
        assertThat(Email.of("A@B.CO")).isEqualTo(Email.of("a@b.co"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "@example.com", "a@", "a@b", "a@@b.co", "a b@c.co", "a@b..co", ".a@b.co",
            "a.@b.co", "a..b@c.co", "a@-b.co", "a@b-.co", "a\u0000@b.co", "a@b.co\r\nBcc: x@y.co", "ålice@b.co",
            "a@exаmple.com", "\"quoted\"@b.co", "a@b.c_o", "a;drop@b.co"})
    void refusesWhatIsNotAPlainAddress(String raw) {
        assertThatThrownBy(() -> Email.of(raw))
                .isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("code", "invalid_email");
    }

    @Test
    void refusesMissingAndOverlongAddresses() {
        assertThatThrownBy(() -> Email.of(null)).hasFieldOrPropertyWithValue("code", "email_required");
        assertThatThrownBy(() -> Email.of("   ")).hasFieldOrPropertyWithValue("code", "email_required");
        assertThatThrownBy(() -> Email.of("a".repeat(65) + "@b.co")).isInstanceOf(InvalidInputException.class);
        String longDomain = "a".repeat(64) + "@" + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60) + "." + "e".repeat(60)
                + ".com";
        assertThatThrownBy(() -> Email.of(longDomain)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Email.of("a@" + "b".repeat(64) + ".co")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void acceptsTheSpecialCharactersOfADotAtom() {
        assertThat(Email.of("o'brien+x_y-z@sub.example.co.uk").value()).isEqualTo("o'brien+x_y-z@sub.example.co.uk");
    }

    @Test
    void theCanonicalConstructorRefusesNonCanonicalText() {
        assertThatThrownBy(() -> new Email("Upper@Example.com")).isInstanceOf(InvalidInputException.class);
    }
}
