package io.userservice.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The {@code amr} and {@code acr} claims that follow from how a browser session was signed in to. */
class SignInMethodsTest {

    @Test
    void eachStoredValueGivesItsMethodsAndLevel() {
        assertThat(SignInMethods.amr(SignInMethods.PASSWORD)).containsExactly("pwd");
        assertThat(SignInMethods.acr(SignInMethods.PASSWORD)).isEqualTo("1");
        assertThat(SignInMethods.amr(SignInMethods.PASSWORD_AND_CODE)).containsExactly("pwd", "otp");
        assertThat(SignInMethods.acr(SignInMethods.PASSWORD_AND_CODE)).isEqualTo("2");
        assertThat(SignInMethods.amr(SignInMethods.PASSKEY)).containsExactly("pop", "user");
        assertThat(SignInMethods.acr(SignInMethods.PASSKEY)).isEqualTo("2");
        assertThat(SignInMethods.amr(SignInMethods.PASSWORD_AND_PASSKEY)).containsExactly("pwd", "pop", "user");
        assertThat(SignInMethods.acr(SignInMethods.PASSWORD_AND_PASSKEY)).isEqualTo("2");
        assertThat(SignInMethods.ACR_VALUES).containsExactly("1", "2");
    }

    @Test
    void anUnknownValueClaimsNothing() {
        for (String unknown : new String[] {null, "", "   "}) {
            assertThat(SignInMethods.amr(unknown)).as("[%s]", unknown).isEmpty();
            assertThat(SignInMethods.acr(unknown)).as("[%s]", unknown).isNull();
        }
    }

    @Test
    void twoFactorsNeedACodeOrAKeyWithItsVerifiedUser() {
        assertThat(SignInMethods.amr("  pwd   otp ")).containsExactly("pwd", "otp");
        assertThat(SignInMethods.acr("otp")).isEqualTo("2");
        assertThat(SignInMethods.acr("pop")).as("a key without user verification is one factor").isEqualTo("1");
        assertThat(SignInMethods.acr("user")).as("user verification without a key").isEqualTo("1");
        assertThat(SignInMethods.acr("pwd user")).isEqualTo("1");
        assertThat(SignInMethods.acr("user pop")).isEqualTo("2");
        assertThat(SignInMethods.acr("pwd hwk")).isEqualTo("1");
    }
}
