package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.EmailNotConfirmedException;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.TooManyRequestsException;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ChangeEmailUseCase;
import io.userservice.core.port.in.DeactivateUserUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.VerifyCredentialsUseCase;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.port.out.ServiceObserver.SignInChannel;
import io.userservice.core.port.out.ServiceObserver.SignInOutcome;
import io.userservice.core.settings.ThrottleSettings;
import io.userservice.core.settings.ThrottleSettings.Limit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The password check behind every sign-in: each attempt ends in exactly one outcome the observer
 * hears of (success, failure, throttled); an unknown email costs a password check like a wrong
 * password; every refusal is audited with the account it was about (none for an unknown email)
 * and why; and the re-check before a sensitive change refuses a wrong password, a deactivated
 * user and a user who is gone, saying which.
 */
class CredentialsTest {

    private static final String PASSWORD = CoreFixture.PASSWORD;
    private static final ClientAddress ADDRESS = ClientAddress.of("198.51.100.7");

    private final List<String> signIns = new CopyOnWriteArrayList<>();
    private final AtomicInteger passwordChecks = new AtomicInteger();
    private final CoreFixture fixture = new CoreFixture(builder -> builder
            .throttling(new ThrottleSettings(new Limit(3, Duration.ofMinutes(15)), new Limit(100, Duration.ofMinutes(15)),
                    new Limit(30, Duration.ofMinutes(15)), new Limit(5, Duration.ofHours(1)),
                    new Limit(20, Duration.ofHours(1)), new Limit(20, Duration.ofHours(1)),
                    new Limit(100, Duration.ofMinutes(15))))
            .observer(new ServiceObserver() {
                @Override
                public void signIn(SignInChannel channel, SignInOutcome outcome) {
                    signIns.add(channel + " " + outcome);
                }

                @Override
                public void passwordHashed(Duration took) {
                    passwordChecks.incrementAndGet();
                }
            }));
    private final User ann = fixture.aConfirmedUser("ann@example.com");

    private LogInUseCase.Result logIn(String email, String password) {
        return fixture.core.logIn().logIn(new LogInUseCase.Command(email, password, ADDRESS));
    }

    private AuditEvent newest(AuditAction action) {
        return fixture.audited(action).get(0);
    }

    private void changeEmailOf(long userId, String password) {
        fixture.core.changeEmail().request(new ChangeEmailUseCase.Command(Caller.user(userId), "new@example.com",
                password, ADDRESS));
    }

    @Test
    void eachSignInEndsInOneOutcomeTheObserverHearsOf() {
        logIn("ann@example.com", PASSWORD);
        assertThat(signIns).containsExactly("NATIVE SUCCESS");

        signIns.clear();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> logIn("ann@example.com", "wrong password"))
                    .isInstanceOf(InvalidCredentialsException.class);
        }
        assertThat(signIns).containsExactly("NATIVE FAILURE", "NATIVE FAILURE", "NATIVE FAILURE");

        signIns.clear();
        assertThatThrownBy(() -> logIn("ann@example.com", PASSWORD)).isInstanceOf(TooManyRequestsException.class);
        assertThat(signIns).containsExactly("NATIVE THROTTLED");
    }

    @Test
    void aPasswordCheckedOnItsOwnIsObservedOnItsChannel() {
        fixture.core.verifyCredentials().verify(new VerifyCredentialsUseCase.Command("ann@example.com", PASSWORD,
                ADDRESS));
        assertThatThrownBy(() -> fixture.core.verifyCredentials().verify(new VerifyCredentialsUseCase.Command(
                "ann@example.com", "wrong password", ADDRESS))).isInstanceOf(InvalidCredentialsException.class);

        assertThat(signIns).containsExactly("BASIC SUCCESS", "BASIC FAILURE");
    }

    @Test
    void anUnknownEmailCostsAPasswordCheckLikeAWrongPassword() {
        assertThatThrownBy(() -> logIn("nobody@example.com", PASSWORD))
                .isInstanceOf(InvalidCredentialsException.class);
        int before = passwordChecks.get();
        assertThatThrownBy(() -> logIn("nobody-else@example.com", PASSWORD))
                .isInstanceOf(InvalidCredentialsException.class);
        int unknownEmail = passwordChecks.get() - before;

        before = passwordChecks.get();
        assertThatThrownBy(() -> logIn("ann@example.com", "wrong password"))
                .isInstanceOf(InvalidCredentialsException.class);
        int wrongPassword = passwordChecks.get() - before;

        assertThat(unknownEmail).isEqualTo(wrongPassword).isPositive();
    }

    @Test
    void aWrongPasswordIsAuditedAgainstTheAccountByAnUnknownActor() {
        assertThatThrownBy(() -> logIn("ann@example.com", "wrong password"))
                .isInstanceOf(InvalidCredentialsException.class);

        AuditEvent denied = newest(AuditAction.SIGN_IN);
        assertThat(denied.outcome()).isEqualTo(Outcome.DENIED.storedForm());
        assertThat(denied.subjectId()).isEqualTo(ann.id());
        assertThat(denied.actorId()).isNull();
        assertThat(denied.clientAddress()).isEqualTo("198.51.100.7");
        assertThat(denied.detail()).isEqualTo("wrong password");
    }

    @Test
    void anUnknownEmailIsAuditedWithoutAnAccount() {
        assertThatThrownBy(() -> logIn("nobody@example.com", PASSWORD))
                .isInstanceOf(InvalidCredentialsException.class);

        AuditEvent denied = newest(AuditAction.SIGN_IN);
        assertThat(denied.outcome()).isEqualTo(Outcome.DENIED.storedForm());
        assertThat(denied.subjectId()).isNull();
        assertThat(denied.detail()).isEqualTo("unknown account or unusable password");
    }

    @Test
    void theRightPasswordOfAnUnconfirmedAccountIsAuditedWithTheReasonItWasRefused() {
        fixture.core.register().register(RegisterUserUseCase.Command.of("una@example.com", PASSWORD, null, null,
                null, ClientAddress.unknown()));

        Throwable refused = catchThrowable(() -> logIn("una@example.com", PASSWORD));

        assertThat(refused).isInstanceOf(EmailNotConfirmedException.class);
        AuditEvent denied = newest(AuditAction.SIGN_IN);
        assertThat(denied.outcome()).isEqualTo(Outcome.DENIED.storedForm());
        assertThat(denied.subjectId()).isNotNull().isNotEqualTo(ann.id());
        assertThat(denied.detail()).isEqualTo(((EmailNotConfirmedException) refused).code());
        assertThat(signIns).containsExactly("NATIVE FAILURE");
    }

    @Test
    void aWrongPasswordBeforeASensitiveChangeIsRefusedAndAudited() {
        assertThatThrownBy(() -> changeEmailOf(ann.id(), "wrong password"))
                .isInstanceOf(InvalidCredentialsException.class);

        AuditEvent denied = newest(AuditAction.EMAIL_CHANGE_REQUESTED);
        assertThat(denied.outcome()).isEqualTo(Outcome.DENIED.storedForm());
        assertThat(denied.subjectId()).isEqualTo(ann.id());
        assertThat(denied.actorId()).isEqualTo(ann.id());
        assertThat(denied.detail()).isEqualTo("wrong password");
    }

    @Test
    void aDeactivatedUserWithTheRightPasswordIsRefusedASensitiveChangeAndTheAuditSaysWhy() {
        fixture.core.deactivateUser().setActive(new DeactivateUserUseCase.Command(Caller.operator(), ann.id(), false,
                ADDRESS));

        assertThatThrownBy(() -> changeEmailOf(ann.id(), PASSWORD)).isInstanceOf(InvalidCredentialsException.class);

        AuditEvent denied = newest(AuditAction.EMAIL_CHANGE_REQUESTED);
        assertThat(denied.outcome()).isEqualTo(Outcome.DENIED.storedForm());
        assertThat(denied.detail()).isEqualTo("deactivated");
        assertThat(fixture.state.emailChanges().find("anything")).isEmpty();
    }

    @Test
    void theRecheckOfAUserWhoIsGoneSaysTheTokensUserNoLongerExists() {
        assertThatThrownBy(() -> changeEmailOf(ann.id() + 1000, PASSWORD))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("no longer exists");
    }

    @Test
    void aCheckedSignInDoesNotShowItsDeviceTokenInItsText() {
        Credentials.Verified verified = new Credentials.Verified(ann, "device-token-secret");

        assertThat(verified.toString()).startsWith("Verified[").contains(ann.toString())
                .doesNotContain("device-token-secret");
    }
}
