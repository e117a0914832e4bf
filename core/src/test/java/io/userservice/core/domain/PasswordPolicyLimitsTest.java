package io.userservice.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The bounds a password policy may be configured with, and the edges of the lengths it enforces. */
class PasswordPolicyLimitsTest {

    @Test
    void theDefaultsAreEightTo1024Characters() {
        assertThat(PasswordPolicy.defaults()).isEqualTo(new PasswordPolicy(8, 1024));
        assertThat(PasswordPolicy.DEFAULT_MIN_LENGTH).isEqualTo(8);
        assertThat(PasswordPolicy.DEFAULT_MAX_LENGTH).isEqualTo(1024);
    }

    @Test
    void theConfiguredBoundsAreThemselvesBounded() {
        assertThatCode(() -> new PasswordPolicy(1, 64)).doesNotThrowAnyException();
        assertThatCode(() -> new PasswordPolicy(64, 64)).doesNotThrowAnyException();
        assertThatCode(() -> new PasswordPolicy(8, 4096)).doesNotThrowAnyException();

        assertThatThrownBy(() -> new PasswordPolicy(0, 64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordPolicy(8, 63)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordPolicy(65, 64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordPolicy(8, 4097)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMessagesNameTheConfiguredLengths() {
        PasswordPolicy policy = new PasswordPolicy(10, 100);

        assertThatThrownBy(() -> policy.check("x".repeat(9))).isInstanceOf(InvalidInputException.class)
                .hasMessage("The password must be at least 10 characters long.")
                .hasFieldOrPropertyWithValue("field", "password");
        assertThatThrownBy(() -> policy.check("x".repeat(101))).isInstanceOf(InvalidInputException.class)
                .hasMessage("The password may be at most 100 characters long.")
                .hasFieldOrPropertyWithValue("field", "password");
        assertThatCode(() -> policy.check("x".repeat(10))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("x".repeat(100))).doesNotThrowAnyException();
    }

    @Test
    void theMaximumCountsCharactersNotUtf16Units() {
        PasswordPolicy policy = new PasswordPolicy(8, 64);
        String sixtyFourEmoji = "😀".repeat(64);
        String sixtyFiveEmoji = "😀".repeat(65);

        assertThatCode(() -> policy.check(sixtyFourEmoji)).doesNotThrowAnyException();
        assertThat(policy.isVerifiable(sixtyFourEmoji)).isTrue();
        assertThatThrownBy(() -> policy.check(sixtyFiveEmoji)).hasFieldOrPropertyWithValue("code", "password_too_long");
        assertThat(policy.isVerifiable(sixtyFiveEmoji)).isFalse();
    }

    @Test
    void theMaximumCountsEveryCharacterEvenWhenTheUtf16BoundWouldAllowMore() {
        PasswordPolicy policy = new PasswordPolicy(8, 64);
        String sixtyFiveAscii = "x".repeat(65);

        assertThat(policy.isVerifiable("x".repeat(64))).isTrue();
        assertThat(policy.isVerifiable(sixtyFiveAscii)).isFalse();
        assertThatThrownBy(() -> policy.check(sixtyFiveAscii)).hasFieldOrPropertyWithValue("code", "password_too_long");
    }

    @Test
    void anEmptyPasswordIsMissingNotShort() {
        assertThatThrownBy(() -> PasswordPolicy.defaults().check("")).hasFieldOrPropertyWithValue("code",
                "password_required");
    }

    @Test
    void aNulAnywhereIsRefusedButAnyOtherCharacterIsAllowed() {
        PasswordPolicy policy = PasswordPolicy.defaults();

        assertThatThrownBy(() -> policy.check("\u0000long enough")).hasFieldOrPropertyWithValue("code",
                "invalid_password");
        assertThat(policy.isVerifiable("\u0000")).isFalse();
        assertThat(policy.isVerifiable("x")).isTrue();
        assertThatCode(() -> policy.check("tab\tand newline\n ok")).doesNotThrowAnyException();
    }
}
