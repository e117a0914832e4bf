package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.ReadOnlyDirectory;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.EmailAlreadyTakenException;
import io.userservice.core.domain.InvalidCodeException;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.ManagedByDirectoryException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.TooManyRequestsException;
import io.userservice.core.domain.User;
import io.userservice.core.domain.WebhookEvent;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.ChangeEmailUseCase;
import io.userservice.core.port.in.ConfirmEmailChangeUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.settings.ThrottleSettings;
import io.userservice.core.settings.ThrottleSettings.Limit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Confirming a new email address: a directory that owns addresses refuses it; code attempts are
 * limited per client address; a code that is empty or longer than 512 characters is not even
 * looked up; another user's code is refused and stays usable; every refusal is audited with who
 * tried and why; an address taken meanwhile is refused and audited; the right code moves the
 * account, with a webhook event, a notice to the old address and an audit record.
 */
class ConfirmEmailChangeServiceTest {

    private static final ClientAddress ADDRESS = ClientAddress.of("192.0.2.90");

    private final CoreFixture fixture = new CoreFixture(builder -> builder.throttling(new ThrottleSettings(
            new Limit(10, Duration.ofMinutes(15)), new Limit(100, Duration.ofMinutes(15)),
            new Limit(8, Duration.ofMinutes(15)), new Limit(5, Duration.ofHours(1)),
            new Limit(20, Duration.ofHours(1)), new Limit(20, Duration.ofHours(1)),
            new Limit(100, Duration.ofMinutes(15)))));
    private final QueuedWebhookEvents events = QueuedWebhookEvents.of(fixture);
    private final User ann = fixture.aConfirmedUser("ann@example.com");

    private String requestCode(User user, String newEmail) {
        fixture.core.changeEmail().request(new ChangeEmailUseCase.Command(Caller.user(user.id()), newEmail,
                CoreFixture.PASSWORD, ADDRESS));
        return fixture.lastCode(MailKind.EMAIL_CHANGE, newEmail).orElseThrow();
    }

    private User confirm(Long userId, String code) {
        return fixture.core.confirmEmailChange().confirm(new ConfirmEmailChangeUseCase.Command(userId, code,
                ADDRESS));
    }

    private AuditEvent newest(AuditAction action) {
        return fixture.audited(action).get(0);
    }

    private void assertDenied(Long actorId, String why) {
        AuditEvent denied = newest(AuditAction.EMAIL_CHANGED);
        assertThat(denied.outcome()).isEqualTo(Outcome.DENIED.storedForm());
        assertThat(denied.actorId()).isEqualTo(actorId);
        assertThat(denied.subjectId()).isNull();
        assertThat(denied.clientAddress()).isEqualTo("192.0.2.90");
        assertThat(denied.detail()).isEqualTo(why);
    }

    @Test
    void aDirectoryThatOwnsTheAddressesRefusesAChange() {
        UserServiceCore readOnly = UserServiceCore.builder(CoreSettings.defaults(),
                new ReadOnlyDirectory().with("ro@example.com", "directory password 1"),
                InMemoryServiceState.create(), new RecordingUserNotifier()).bcryptCost(4).build();

        assertThatThrownBy(() -> readOnly.confirmEmailChange().confirm(new ConfirmEmailChangeUseCase.Command(null,
                "some code", ADDRESS))).isInstanceOf(ManagedByDirectoryException.class);
    }

    @Test
    void aCodeWhoseUserLeftTheDirectoryMeanwhileIsRefusedAndAudited() {
        InMemoryUserDirectory[] directory = new InMemoryUserDirectory[1];
        RecordingUserNotifier notifier = new RecordingUserNotifier();
        ServiceState state = InMemoryServiceState.create();
        UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults().withRequireConfirmation(false),
                hasher -> directory[0] = new InMemoryUserDirectory(hasher), state, notifier)
                .clock(fixture.clock).bcryptCost(4).build();
        User cy = core.register().register(RegisterUserUseCase.Command.of("cy@example.com", CoreFixture.PASSWORD,
                null, null, null, ADDRESS));
        core.changeEmail().request(new ChangeEmailUseCase.Command(Caller.user(cy.id()), "cy.new@example.com",
                CoreFixture.PASSWORD, ADDRESS));
        core.mailDispatcher().deliverDue();
        String code = notifier.lastCode(MailKind.EMAIL_CHANGE, "cy.new@example.com").orElseThrow();
        directory[0].delete(cy.directoryKey());

        assertThatThrownBy(() -> core.confirmEmailChange().confirm(new ConfirmEmailChangeUseCase.Command(null, code,
                ADDRESS))).isInstanceOf(InvalidCodeException.class);

        AuditEvent denied = state.auditLog().newest(null, 10).get(0).event();
        assertThat(denied.action()).isEqualTo(AuditAction.EMAIL_CHANGED.storedForm());
        assertThat(denied.outcome()).isEqualTo(Outcome.DENIED.storedForm());
        assertThat(denied.detail()).isEqualTo("user gone");
        assertThat(directory[0].findByEmail(Email.of("cy.new@example.com"))).isEmpty();
    }

    @Test
    void codeAttemptsAreLimitedPerClientAddressEvenForTheRightCode() {
        String code = requestCode(ann, "new@example.com");
        for (int i = 0; i < 8; i++) {
            assertThatThrownBy(() -> confirm(null, "guess")).isInstanceOf(InvalidCodeException.class);
        }

        assertThatThrownBy(() -> confirm(ann.id(), code)).isInstanceOf(TooManyRequestsException.class);

        assertThat(fixture.state.emailChanges().find(Digests.sha256(code))).isPresent();
    }

    @Test
    void anEmptyCodeIsRefusedWithoutALookUp() {
        assertThatThrownBy(() -> confirm(ann.id(), "")).isInstanceOf(InvalidCodeException.class);

        assertDenied(ann.id(), "no code");
    }

    @Test
    void aCodeOf512CharactersIsLookedUpAndOneOf513IsNot() {
        assertThatThrownBy(() -> confirm(ann.id(), "c".repeat(512))).isInstanceOf(InvalidCodeException.class);
        assertDenied(ann.id(), "unknown code");

        assertThatThrownBy(() -> confirm(ann.id(), "c".repeat(513))).isInstanceOf(InvalidCodeException.class);
        assertDenied(ann.id(), "no code");
    }

    @Test
    void anUnknownCodeWithoutASignedInCallerIsAuditedWithoutAnActor() {
        assertThatThrownBy(() -> confirm(null, "no such code")).isInstanceOf(InvalidCodeException.class);

        assertDenied(null, "unknown code");
    }

    @Test
    void anotherUsersCodeIsRefusedAndStaysUsableForItsOwner() {
        User bob = fixture.aConfirmedUser("bob@example.com");
        String bobsCode = requestCode(bob, "bob.new@example.com");

        assertThatThrownBy(() -> confirm(ann.id(), bobsCode)).isInstanceOf(InvalidCodeException.class);

        assertDenied(ann.id(), "another user's code");
        assertThat(confirm(bob.id(), bobsCode).email().value()).isEqualTo("bob.new@example.com");
    }

    @Test
    void anAddressTakenSinceTheRequestIsRefusedAndAudited() {
        String code = requestCode(ann, "wanted@example.com");
        fixture.aConfirmedUser("wanted@example.com");

        assertThatThrownBy(() -> confirm(ann.id(), code)).isInstanceOf(EmailAlreadyTakenException.class);

        AuditEvent denied = newest(AuditAction.EMAIL_CHANGED);
        assertThat(denied.outcome()).isEqualTo(Outcome.DENIED.storedForm());
        assertThat(denied.subjectId()).isEqualTo(ann.id());
        assertThat(denied.detail()).isEqualTo("address taken");
        assertThat(fixture.state.auditLog().about(ann.id(), 100)).extracting(e -> e.event().outcome() + " "
                + e.event().action()).doesNotContain(Outcome.SUCCESS.storedForm() + " "
                + AuditAction.EMAIL_CHANGED.storedForm());
    }

    @Test
    void theRightCodeMovesTheAccountWithAnEventANoticeToTheOldAddressAndAnAuditRecord() {
        String code = requestCode(ann, "ann.new@example.com");
        events.drain();

        User after = confirm(ann.id(), code);

        assertThat(after.email().value()).isEqualTo("ann.new@example.com");
        List<WebhookEvent> queued = events.drain();
        assertThat(queued).extracting(WebhookEvent::type).containsExactly(WebhookEventType.USER_EMAIL_CHANGED);
        assertThat(queued.get(0).payload()).contains("\"email\":\"ann.new@example.com\"");
        assertThat(fixture.sent()).filteredOn(n -> n.kind() == MailKind.EMAIL_CHANGED_NOTICE)
                .extracting(RecordingUserNotifier.Notification::email).containsExactly("ann@example.com");
        AuditEvent changed = newest(AuditAction.EMAIL_CHANGED);
        assertThat(changed.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
        assertThat(changed.subjectId()).isEqualTo(ann.id());
        assertThat(changed.actorId()).isEqualTo(ann.id());
        assertThatThrownBy(() -> confirm(ann.id(), code)).isInstanceOf(InvalidCodeException.class);
    }
}
