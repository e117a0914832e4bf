package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.VerifyCredentialsUseCase;
import org.junit.jupiter.api.Test;

/** Checking an email and password answers with the user for the right password and refuses a wrong one. */
class VerifyCredentialsServiceTest {

    private final CoreFixture fixture = new CoreFixture();
    private final User ann = fixture.aConfirmedUser("ann@example.com");

    @Test
    void theRightPasswordAnswersWithTheUser() {
        User verified = fixture.core.verifyCredentials().verify(new VerifyCredentialsUseCase.Command(
                "ann@example.com", CoreFixture.PASSWORD, ClientAddress.unknown()));

        assertThat(verified.id()).isEqualTo(ann.id());
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThatThrownBy(() -> fixture.core.verifyCredentials().verify(new VerifyCredentialsUseCase.Command(
                "ann@example.com", "not the password", ClientAddress.unknown())))
                .isInstanceOf(InvalidCredentialsException.class);
    }
}
