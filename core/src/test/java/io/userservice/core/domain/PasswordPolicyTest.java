package io.userservice.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = PasswordPolicy.defaults();

    @Test
    void requiresTheMinimumLengthInCharacters() {
        assertThatThrownBy(() -> policy.check("1234567")).hasFieldOrPropertyWithValue("code", "password_too_short");
        assertThatCode(() -> policy.check("7a3kx9q2")).doesNotThrowAnyException();
        // eight characters, sixteen UTF-16 units and 32 bytes: counted as eight
        assertThatCode(() -> policy.check("😀".repeat(8))).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check("😀".repeat(7))).hasFieldOrPropertyWithValue("code", "password_too_short");
    }

    @Test
    void boundsTheMaximumAndRefusesNul() {
        assertThatCode(() -> policy.check("x".repeat(1024))).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check("x".repeat(1025))).hasFieldOrPropertyWithValue("code", "password_too_long");
        assertThatThrownBy(() -> policy.check("x".repeat(100_000))).hasFieldOrPropertyWithValue("code",
                "password_too_long");
        assertThatThrownBy(() -> policy.check("long enough\u0000")).hasFieldOrPropertyWithValue("code",
                "invalid_password");
        assertThatThrownBy(() -> policy.check(null)).hasFieldOrPropertyWithValue("code", "password_required");
    }

    @Test
    void hasNoCompositionRules() {
        assertThatCode(() -> policy.check("aaaaaaaa")).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("        ")).doesNotThrowAnyException();
    }

    @Test
    void tellsWhichPresentedPasswordsCanBeVerifiedAtAll() {
        assertThat(policy.isVerifiable("short")).isTrue();
        assertThat(policy.isVerifiable("")).isFalse();
        assertThat(policy.isVerifiable(null)).isFalse();
        assertThat(policy.isVerifiable("a\u0000b")).isFalse();
        assertThat(policy.isVerifiable("x".repeat(1025))).isFalse();
    }

    @Test
    void minimumIsConfigurable() {
        PasswordPolicy strict = new PasswordPolicy(12, 1024);
        assertThatThrownBy(() -> strict.check("elevenchars")).hasFieldOrPropertyWithValue("code", "password_too_short");
        assertThatThrownBy(() -> new PasswordPolicy(0, 1024)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesTheMostCommonPasswordsWhateverTheirCase() {
        assertThat(CommonPasswords.size()).isGreaterThanOrEqualTo(10_000);
        assertThatThrownBy(() -> policy.check("password")).hasFieldOrPropertyWithValue("code", "password_too_common");
        assertThatThrownBy(() -> policy.check("PassWord1")).hasFieldOrPropertyWithValue("code", "password_too_common");
        assertThatThrownBy(() -> policy.check("12345678")).hasFieldOrPropertyWithValue("code", "password_too_common");
        assertThatThrownBy(() -> policy.check("Trustno1")).hasFieldOrPropertyWithValue("code", "password_too_common");
        assertThatCode(() -> policy.check("correct horse battery")).doesNotThrowAnyException();
    }

    @Test
    void theLengthRulesComeFirstSoAShortCommonPasswordIsTooShort() {
        assertThatThrownBy(() -> policy.check("123456")).hasFieldOrPropertyWithValue("code", "password_too_short");
    }
}
