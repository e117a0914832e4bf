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
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.domain.WebhookEvent;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.memory.RecordingUserNotifier.Notification;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.ConfirmTotpUseCase;
import io.userservice.core.port.in.EnrolTotpUseCase;
import io.userservice.core.port.in.ResetMfaUseCase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Resetting a user's second factors is for administrators with their own credential and the
 * operator only: never for the user themselves, another plain user or an impersonation token.
 * A reset of factors that were on removes them, queues {@code mfa.disabled} with reason
 * {@code admin_reset}, audits the administrator as actor and mails the user a notice; a reset of
 * factors already off is audited as such and tells no one.
 */
class ResetMfaServiceTest {

    private static final ClientAddress ADDRESS = ClientAddress.of("192.0.2.44");

    private final CoreFixture fixture = new CoreFixture();
    private final User admin = fixture.aConfirmedUser("admin@example.com");
    private final User ann = fixture.aConfirmedUser("ann@example.com");
    private final User bob = fixture.aConfirmedUser("bob@example.com");
    private final QueuedWebhookEvents webhooks = QueuedWebhookEvents.of(fixture);

    ResetMfaServiceTest() {
        fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), admin.id(), Role.ADMIN, true,
                ClientAddress.unknown()));
        webhooks.drain();
    }

    private void turnOn(User user) {
        String secret = fixture.core.enrolTotp().enrol(new EnrolTotpUseCase.Command(Caller.user(user.id()),
                CoreFixture.PASSWORD, ClientAddress.unknown())).secret();
        fixture.core.confirmTotp().confirm(new ConfirmTotpUseCase.Command(Caller.user(user.id()),
                AuthenticatorApp.code(secret, fixture.clock.instant()), ClientAddress.unknown()));
        fixture.clock.advance(Duration.ofSeconds(30));
        webhooks.drain();
    }

    private void reset(Caller caller, long userId) {
        fixture.core.resetMfa().reset(new ResetMfaUseCase.Command(caller, userId, ADDRESS));
    }

    private boolean mfaOn(User user) {
        return fixture.core.mfaStatus().status(user.id()).enabled();
    }

    private List<AuditEvent> resets() {
        return fixture.state.auditLog().newest(null, 100).stream().map(AuditEntry::event)
                .filter(e -> e.action().equals(AuditAction.MFA_RESET.storedForm())).toList();
    }

    private List<Notification> resetNotices() {
        return fixture.sent().stream().filter(n -> n.kind() == MailKind.MFA_RESET_NOTICE).toList();
    }

    @Test
    void aPlainUserCannotResetTheirOwnFactors() {
        turnOn(ann);

        assertThatThrownBy(() -> reset(Caller.user(ann.id()), ann.id())).isInstanceOf(AccessDeniedException.class)
                .hasMessage("Resetting two-factor authentication needs role admin.");

        assertThat(mfaOn(ann)).isTrue();
        AuditEvent denied = resets().get(0);
        assertThat(denied.outcome()).isEqualTo(Outcome.DENIED.storedForm());
        assertThat(denied.actorId()).isEqualTo(ann.id());
        assertThat(denied.detail()).isEqualTo("caller is not an admin");
        assertThat(webhooks.drain()).isEmpty();
        assertThat(resetNotices()).isEmpty();
    }

    @Test
    void aPlainUserCannotResetAnotherUsersFactors() {
        turnOn(ann);

        assertThatThrownBy(() -> reset(Caller.user(bob.id()), ann.id())).isInstanceOf(AccessDeniedException.class);

        assertThat(mfaOn(ann)).isTrue();
        assertThat(resets()).extracting(AuditEvent::actorId, AuditEvent::subjectId, AuditEvent::outcome)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(bob.id(), ann.id(), Outcome.DENIED.storedForm()));
    }

    @Test
    void anAdministratorsTokenMintedOnTheirBehalfResetsNothing() {
        turnOn(ann);

        assertThatThrownBy(() -> reset(new Caller(admin.id(), bob.id()), ann.id()))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("A token minted on someone's behalf cannot be used for administration.");

        assertThat(mfaOn(ann)).isTrue();
        assertThat(resets().get(0).actorId()).isEqualTo(bob.id());
    }

    @Test
    void anAdministratorResettingNoOneFindsNoOne() {
        assertThatThrownBy(() -> reset(Caller.user(admin.id()), ann.id() + bob.id() + 100))
                .isInstanceOf(NotFoundException.class).hasMessage("There is no such user.");
        assertThat(resets()).isEmpty();
    }

    @Test
    void anAdministratorResetsFactorsThatWereOnAndEveryoneIsTold() {
        turnOn(ann);

        reset(Caller.user(admin.id()), ann.id());

        assertThat(mfaOn(ann)).isFalse();
        assertThat(fixture.core.mfaStatus().status(ann.id()).recoveryCodesLeft()).isZero();
        List<WebhookEvent> events = webhooks.drain();
        assertThat(events).extracting(WebhookEvent::type).containsExactly(WebhookEventType.MFA_DISABLED);
        assertThat(events.get(0).userId()).isEqualTo(ann.id());
        assertThat(events.get(0).payload()).contains("admin_reset");
        AuditEvent event = resets().get(0);
        assertThat(event.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
        assertThat(event.actorId()).isEqualTo(admin.id());
        assertThat(event.subjectId()).isEqualTo(ann.id());
        assertThat(event.clientAddress()).isEqualTo("192.0.2.44");
        assertThat(event.detail()).isNull();
        assertThat(resetNotices()).extracting(Notification::email).containsExactly("ann@example.com");
    }

    @Test
    void theOperatorResetsFactorsUnderNoUsersName() {
        turnOn(ann);

        reset(Caller.operator(), ann.id());

        assertThat(mfaOn(ann)).isFalse();
        assertThat(resets()).extracting(AuditEvent::actorId, AuditEvent::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, Outcome.SUCCESS.storedForm()));
        assertThat(resetNotices()).hasSize(1);
    }

    @Test
    void resettingFactorsThatWereOffIsAuditedAndTellsNoOne() {
        reset(Caller.user(admin.id()), ann.id());

        assertThat(mfaOn(ann)).isFalse();
        assertThat(webhooks.drain()).isEmpty();
        assertThat(resets()).extracting(AuditEvent::outcome, AuditEvent::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.SUCCESS.storedForm(), "was already off"));
        assertThat(resetNotices()).isEmpty();
    }
}
