package io.userservice.core.service;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.EmailAlreadyTakenException;
import io.userservice.core.domain.InvalidCodeException;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.User;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.port.in.CompletePasswordResetUseCase;
import io.userservice.core.port.in.ConfirmEmailUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import io.userservice.core.port.in.UserExistsUseCase;
import io.userservice.core.port.out.UserNotifier;
import io.userservice.core.settings.CoreSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


class RegistrationAndConfirmationTest {

    private final CoreFixture fixture = new CoreFixture();

    private User register(String email) {
        return fixture.core.register().register(RegisterUserUseCase.Command.of(email, CoreFixture.PASSWORD,
                "Jane", null, "de", ClientAddress.unknown()));
    }

    @Test
    void aNewUserIsUnconfirmedAndReceivesACode() {
        User user = register("Jane@Example.com");

        assertThat(user.confirmed()).isFalse();
        assertThat(user.email().value()).isEqualTo("jane@example.com");
        assertThat(user.language()).isEqualTo("de");
        assertThat(fixture.lastCode(MailKind.EMAIL_CONFIRMATION, "jane@example.com")).isPresent();
    }

    @Test
    void withoutRequiredConfirmationAUserIsConfirmedAtOnceAndNoMailIsSent() {
        CoreFixture open = new CoreFixture(CoreSettings.defaults().withRequireConfirmation(false));

        User user = open.core.register().register(RegisterUserUseCase.Command.of("a@example.com",
                CoreFixture.PASSWORD, null, null, null, ClientAddress.unknown()));

        assertThat(user.confirmed()).isTrue();
        assertThat(open.sent()).isEmpty();
    }

    @Test
    void theCodeConfirmsOnceOnly() {
        register("once@example.com");
        String code = fixture.lastCode(MailKind.EMAIL_CONFIRMATION, "once@example.com").orElseThrow();

        User confirmed = fixture.core.confirmEmail().confirm(new ConfirmEmailUseCase.Command(code, ClientAddress.unknown()));

        assertThat(confirmed.confirmed()).isTrue();
        assertThatThrownBy(() -> fixture.core.confirmEmail().confirm(new ConfirmEmailUseCase.Command(code, ClientAddress.unknown())))
                .isInstanceOf(InvalidCodeException.class);
    }

    @Test
    void anExpiredCodeIsRefused() {
        register("late@example.com");
        String code = fixture.lastCode(MailKind.EMAIL_CONFIRMATION, "late@example.com").orElseThrow();
        fixture.clock.advance(Duration.ofDays(2).plusSeconds(1));

        assertThatThrownBy(() -> fixture.core.confirmEmail().confirm(new ConfirmEmailUseCase.Command(code, ClientAddress.unknown())))
                .isInstanceOf(InvalidCodeException.class);
    }

    @Test
    void aConfirmationCodeIsNoResetCodeAndViceVersa() {
        register("kinds@example.com");
        String confirmation = fixture.lastCode(MailKind.EMAIL_CONFIRMATION, "kinds@example.com").orElseThrow();
        fixture.core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command("kinds@example.com", ClientAddress.unknown()));
        String reset = fixture.lastCode(MailKind.PASSWORD_RESET, "kinds@example.com").orElseThrow();

        assertThatThrownBy(() -> fixture.core.completePasswordReset().complete(
                new CompletePasswordResetUseCase.Command(confirmation, "a new password", ClientAddress.unknown())))
                .isInstanceOf(InvalidCodeException.class);
        assertThatThrownBy(() -> fixture.core.confirmEmail().confirm(new ConfirmEmailUseCase.Command(reset, ClientAddress.unknown())))
                .isInstanceOf(InvalidCodeException.class);
    }

    @Test
    void anEmailCanBeRegisteredOnlyOnceInAnyCase() {
        register("twice@example.com");

        assertThatThrownBy(() -> register(" TWICE@example.com")).isInstanceOf(EmailAlreadyTakenException.class);
    }

    @Test
    void anInvalidPasswordStoresNothing() {
        assertThatThrownBy(() -> fixture.core.register().register(RegisterUserUseCase.Command.of("weak@example.com",
                "short", null, null, null, ClientAddress.unknown()))).isInstanceOf(InvalidInputException.class);

        assertThat(fixture.core.userExists().exists(new UserExistsUseCase.Command("weak@example.com", ClientAddress.unknown()))).isFalse();
        assertThat(fixture.sent()).isEmpty();
    }

    @Test
    void aFailingMailerDoesNotFailTheRegistration() {
        UserNotifier broken = mail -> {
            throw new IllegalStateException("smtp down");
        };
        UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults(), InMemoryUserDirectory::new, InMemoryServiceState.create(), broken)
                .bcryptCost(4).build();

        User user = core.register().register(RegisterUserUseCase.Command.of("x@example.com", CoreFixture.PASSWORD,
                null, null, null, ClientAddress.unknown()));

        assertThat(user.id()).isPositive();
        assertThat(core.mailDispatcher().deliverDue()).as("the failed attempt is handled, not thrown").isEqualTo(1);
    }
}
