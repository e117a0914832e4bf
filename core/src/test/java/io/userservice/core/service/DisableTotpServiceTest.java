package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.InvalidMfaCodeException;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.User;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.ConfirmTotpUseCase;
import io.userservice.core.port.in.DisableTotpUseCase;
import io.userservice.core.port.in.EnrolTotpUseCase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Turning two-factor authentication off: only the user themself, with their own credential; once
 * it is on, the password and a current code (a wrong code changes nothing); while it is off, the
 * password alone. Turning off a factor that was on removes it, queues one webhook event and a
 * notice, and is audited; turning off what was already off removes any pending authenticator,
 * queues neither event nor notice, and is audited as already off.
 */
class DisableTotpServiceTest {

    private static final ClientAddress ADDRESS = ClientAddress.of("192.0.2.62");

    private final CoreFixture fixture = new CoreFixture();
    private final QueuedWebhookEvents events = QueuedWebhookEvents.of(fixture);
    private final User ann = fixture.aConfirmedUser("ann@example.com");
    private final User bob = fixture.aConfirmedUser("bob@example.com");

    {
        events.drain();
    }

    private String enrol(User user) {
        return fixture.core.enrolTotp().enrol(new EnrolTotpUseCase.Command(Caller.user(user.id()),
                CoreFixture.PASSWORD, ADDRESS)).secret();
    }

    private String turnOn(User user) {
        String secret = enrol(user);
        fixture.core.confirmTotp().confirm(new ConfirmTotpUseCase.Command(Caller.user(user.id()),
                AuthenticatorApp.code(secret, fixture.clock.instant()), ADDRESS));
        fixture.clock.advance(Duration.ofSeconds(30));
        events.drain();
        return secret;
    }

    private void disable(Caller caller, String password, String code) {
        fixture.core.disableTotp().disable(new DisableTotpUseCase.Command(caller, password, code, ADDRESS));
    }

    private List<AuditEvent> audited(Outcome outcome) {
        return fixture.state.auditLog().newest(null, 100).stream().map(AuditEntry::event)
                .filter(e -> e.action().equals(AuditAction.MFA_DISABLED.storedForm()))
                .filter(e -> e.outcome().equals(outcome.storedForm())).toList();
    }

    private List<MailKind> noticesTo(String email) {
        return fixture.sent().stream().filter(n -> n.email().equals(email))
                .map(RecordingUserNotifier.Notification::kind).filter(k -> k == MailKind.MFA_DISABLED_NOTICE).toList();
    }

    private boolean isOn(User user) {
        return fixture.state.secondFactors().totp(user.id()).map(f -> f.enabled()).orElse(false);
    }

    @Test
    void theOperatorHasNoSecondFactorToTurnOff() {
        assertThatThrownBy(() -> disable(Caller.operator(), CoreFixture.PASSWORD, null))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("the operator has no second factor of their own");

        assertThat(fixture.state.auditLog().newest(null, 100)).extracting(e -> e.event().action())
                .doesNotContain(AuditAction.MFA_DISABLED.storedForm());
    }

    @Test
    void aTokenMintedOnTheUsersBehalfCannotTurnItOff() {
        String secret = turnOn(ann);

        assertThatThrownBy(() -> disable(new Caller(ann.id(), bob.id()), CoreFixture.PASSWORD,
                AuthenticatorApp.code(secret, fixture.clock.instant()))).isInstanceOf(AccessDeniedException.class);

        assertThat(isOn(ann)).isTrue();
        assertThat(audited(Outcome.DENIED)).singleElement().satisfies(e -> assertThat(e.actorId()).isEqualTo(bob.id()));
        assertThat(events.drain()).isEmpty();
    }

    @Test
    void onceOnTheRightPasswordAloneOrAWrongCodeChangesNothing() {
        String secret = turnOn(ann);
        String right = AuthenticatorApp.code(secret, fixture.clock.instant());
        String wrong = right.equals("000000") ? "111111" : "000000";

        assertThatThrownBy(() -> disable(Caller.user(ann.id()), CoreFixture.PASSWORD, null))
                .isInstanceOf(InvalidMfaCodeException.class);
        assertThatThrownBy(() -> disable(Caller.user(ann.id()), CoreFixture.PASSWORD, wrong))
                .isInstanceOf(InvalidMfaCodeException.class);
        assertThatThrownBy(() -> disable(Caller.user(ann.id()), "not the password", right))
                .isInstanceOf(InvalidCredentialsException.class);

        assertThat(isOn(ann)).isTrue();
        assertThat(audited(Outcome.SUCCESS)).isEmpty();
        assertThat(events.drain()).isEmpty();
        assertThat(noticesTo("ann@example.com")).isEmpty();
    }

    @Test
    void theUsersOwnPasswordAndCodeTurnItOffWithAnEventANoticeAndAnAuditRecord() {
        String secret = turnOn(ann);
        turnOn(bob);

        disable(Caller.user(ann.id()), CoreFixture.PASSWORD, AuthenticatorApp.code(secret, fixture.clock.instant()));

        assertThat(isOn(ann)).isFalse();
        assertThat(fixture.state.secondFactors().totp(ann.id())).isEmpty();
        assertThat(fixture.state.secondFactors().recoveryCodesLeft(ann.id())).isZero();
        assertThat(isOn(bob)).as("another user's factor is untouched").isTrue();
        assertThat(events.drain()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(WebhookEventType.MFA_DISABLED);
            assertThat(e.userId()).isEqualTo(ann.id());
            assertThat(e.payload()).contains("\"reason\"").contains("\"user\"");
        });
        assertThat(noticesTo("ann@example.com")).containsExactly(MailKind.MFA_DISABLED_NOTICE);
        assertThat(audited(Outcome.SUCCESS)).singleElement().satisfies(e -> {
            assertThat(e.subjectId()).isEqualTo(ann.id());
            assertThat(e.actorId()).isEqualTo(ann.id());
            assertThat(e.clientAddress()).isEqualTo("192.0.2.62");
            assertThat(e.detail()).isNull();
        });
    }

    @Test
    void whileOffThePasswordRemovesAPendingAuthenticatorWithoutEventOrNotice() {
        enrol(ann);

        disable(Caller.user(ann.id()), CoreFixture.PASSWORD, null);

        assertThat(fixture.state.secondFactors().totp(ann.id())).isEmpty();
        assertThat(events.drain()).isEmpty();
        assertThat(noticesTo("ann@example.com")).isEmpty();
        assertThat(audited(Outcome.SUCCESS)).singleElement().satisfies(e ->
                assertThat(e.detail()).isEqualTo("was already off"));
    }

    @Test
    void whileOffAWrongPasswordIsStillRefused() {
        enrol(ann);

        assertThatThrownBy(() -> disable(Caller.user(ann.id()), "not the password", null))
                .isInstanceOf(InvalidCredentialsException.class);

        assertThat(fixture.state.secondFactors().totp(ann.id())).isPresent();
        assertThat(audited(Outcome.SUCCESS)).isEmpty();
    }

    @Test
    void turningOffTwiceIsAuditedAsAlreadyOffTheSecondTimeWithOneEventOnly() {
        String secret = turnOn(ann);
        disable(Caller.user(ann.id()), CoreFixture.PASSWORD, AuthenticatorApp.code(secret, fixture.clock.instant()));

        disable(Caller.user(ann.id()), CoreFixture.PASSWORD, null);

        assertThat(events.drainTypes()).containsExactly(WebhookEventType.MFA_DISABLED);
        assertThat(noticesTo("ann@example.com")).containsExactly(MailKind.MFA_DISABLED_NOTICE);
        assertThat(audited(Outcome.SUCCESS)).extracting(AuditEvent::detail).containsExactly("was already off", null);
    }
}
