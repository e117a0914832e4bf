package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.InvalidMfaCodeException;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.TooManyRequestsException;
import io.userservice.core.domain.User;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.ConfirmTotpUseCase;
import io.userservice.core.port.in.EnrolTotpUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.settings.ThrottleSettings;
import io.userservice.core.settings.ThrottleSettings.Limit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Turning the authenticator on: only the user themself may (not the operator, not a token minted
 * on their behalf, not a user who is gone); a wrong code counts as a failed sign-in of the account
 * and is audited, and an account throttled for failures cannot confirm even with the right code;
 * the right code turns the factor on with ten recovery codes, one webhook event, a notice mail and
 * an audit record.
 */
class ConfirmTotpServiceTest {

    private static final ClientAddress ADDRESS = ClientAddress.of("192.0.2.44");

    private final CoreFixture fixture = new CoreFixture(builder -> builder.throttling(new ThrottleSettings(
            new Limit(3, Duration.ofMinutes(15)), new Limit(100, Duration.ofMinutes(15)),
            new Limit(30, Duration.ofMinutes(15)), new Limit(5, Duration.ofHours(1)),
            new Limit(20, Duration.ofHours(1)), new Limit(20, Duration.ofHours(1)),
            new Limit(100, Duration.ofMinutes(15)))));
    private final QueuedWebhookEvents events = QueuedWebhookEvents.of(fixture);
    private final User ann = fixture.aConfirmedUser("ann@example.com");
    private final String secret = fixture.core.enrolTotp().enrol(new EnrolTotpUseCase.Command(Caller.user(ann.id()),
            CoreFixture.PASSWORD, ADDRESS)).secret();

    private List<String> confirm(Caller caller, String code) {
        return fixture.core.confirmTotp().confirm(new ConfirmTotpUseCase.Command(caller, code, ADDRESS));
    }

    private String rightCode() {
        return AuthenticatorApp.code(secret, fixture.clock.instant());
    }

    private String wrongCode() {
        String right = rightCode();
        return right.equals("000000") ? "111111" : "000000";
    }

    private AuditEvent newest(AuditAction action) {
        return fixture.audited(action).get(0);
    }

    private boolean isOn() {
        return fixture.state.secondFactors().totp(ann.id()).orElseThrow().enabled();
    }

    @Test
    void theOperatorHasNoAuthenticatorToConfirm() {
        assertThatThrownBy(() -> confirm(Caller.operator(), rightCode())).isInstanceOf(IllegalArgumentException.class);

        assertThat(isOn()).isFalse();
    }

    @Test
    void aTokenMintedOnTheUsersBehalfCannotTurnTheAuthenticatorOn() {
        User admin = fixture.aConfirmedUser("admin@example.com");

        assertThatThrownBy(() -> confirm(new Caller(ann.id(), admin.id()), rightCode()))
                .isInstanceOf(AccessDeniedException.class);

        assertThat(isOn()).isFalse();
        AuditEvent denied = newest(AuditAction.MFA_ENABLED);
        assertThat(denied.outcome()).isEqualTo(Outcome.DENIED.storedForm());
        assertThat(denied.actorId()).isEqualTo(admin.id());
        assertThat(denied.subjectId()).isEqualTo(ann.id());
        assertThat(denied.detail()).isEqualTo("caller used an impersonation token");
    }

    @Test
    void aUserWhoIsGoneCannotConfirm() {
        assertThatThrownBy(() -> confirm(Caller.user(ann.id() + 1000), rightCode()))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("no longer exists");
    }

    @Test
    void aWrongCodeIsRefusedAuditedAndCountedAsAFailedSignIn() {
        assertThatThrownBy(() -> confirm(Caller.user(ann.id()), wrongCode()))
                .isInstanceOf(InvalidMfaCodeException.class);

        assertThat(isOn()).isFalse();
        AuditEvent denied = newest(AuditAction.MFA_ENABLED);
        assertThat(denied.outcome()).isEqualTo(Outcome.DENIED.storedForm());
        assertThat(denied.subjectId()).isEqualTo(ann.id());
        assertThat(denied.detail()).isEqualTo("wrong code or nothing pending");

        assertThatThrownBy(() -> confirm(Caller.user(ann.id()), wrongCode()))
                .isInstanceOf(InvalidMfaCodeException.class);
        assertThatThrownBy(() -> confirm(Caller.user(ann.id()), wrongCode()))
                .isInstanceOf(InvalidMfaCodeException.class);
        assertThatThrownBy(() -> fixture.core.logIn().logIn(new LogInUseCase.Command("ann@example.com",
                CoreFixture.PASSWORD, ADDRESS))).isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void anAccountThrottledForFailedSignInsCannotConfirmEvenWithTheRightCode() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> fixture.core.logIn().logIn(new LogInUseCase.Command("ann@example.com",
                    "wrong password", ADDRESS))).isInstanceOf(InvalidCredentialsException.class);
        }

        assertThatThrownBy(() -> confirm(Caller.user(ann.id()), rightCode()))
                .isInstanceOf(TooManyRequestsException.class);

        assertThat(isOn()).isFalse();
    }

    @Test
    void theRightCodeTurnsTheAuthenticatorOnWithRecoveryCodesAnEventANoticeAndAnAuditRecord() {
        events.drain();

        List<String> recoveryCodes = confirm(Caller.user(ann.id()), rightCode());

        assertThat(recoveryCodes).hasSize(SecondFactors.RECOVERY_CODES).doesNotHaveDuplicates();
        assertThat(isOn()).isTrue();
        assertThat(events.drainTypes()).containsExactly(WebhookEventType.MFA_ENABLED);
        assertThat(fixture.sent()).filteredOn(n -> n.kind() == MailKind.MFA_ENABLED_NOTICE)
                .extracting(RecordingUserNotifier.Notification::email).containsExactly("ann@example.com");
        AuditEvent enabled = newest(AuditAction.MFA_ENABLED);
        assertThat(enabled.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
        assertThat(enabled.detail()).isEqualTo("authenticator");
    }
}
