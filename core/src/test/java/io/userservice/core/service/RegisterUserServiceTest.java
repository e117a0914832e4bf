package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.EmailAlreadyTakenException;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.TooManyRequestsException;
import io.userservice.core.domain.User;
import io.userservice.core.domain.UserServiceException;
import io.userservice.core.domain.WebhookEvent;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.port.out.ServiceObserver.RegistrationOutcome;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.settings.ThrottleSettings;
import io.userservice.core.settings.ThrottleSettings.Limit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Registration: each attempt ends in one outcome the observer hears of (registered, rejected,
 * throttled); a rejected one stores nothing; a new account is audited as confirmed at once or as
 * sent a code, gets the confirmation mail only when confirmation is required, and is announced
 * with one webhook event carrying its fields.
 */
class RegisterUserServiceTest {

    private static final ClientAddress ADDRESS = ClientAddress.of("198.51.100.200");

    private final List<RegistrationOutcome> outcomes = new CopyOnWriteArrayList<>();
    private final ServiceObserver observer = new ServiceObserver() {
        @Override
        public void registration(RegistrationOutcome outcome) {
            outcomes.add(outcome);
        }
    };
    private final CoreFixture fixture = new CoreFixture(builder -> builder.observer(observer)
            .throttling(new ThrottleSettings(new Limit(10, Duration.ofMinutes(15)),
                    new Limit(100, Duration.ofMinutes(15)), new Limit(30, Duration.ofMinutes(15)),
                    new Limit(5, Duration.ofHours(1)), new Limit(20, Duration.ofHours(1)),
                    new Limit(3, Duration.ofHours(1)), new Limit(100, Duration.ofMinutes(15)))));
    private final QueuedWebhookEvents events = QueuedWebhookEvents.of(fixture);

    private User register(UserServiceCore core, String email, String password) {
        return core.register().register(RegisterUserUseCase.Command.of(email, password, "Ann", "Example", "de",
                ADDRESS));
    }

    private AuditEvent newest(AuditAction action) {
        return fixture.audited(action).get(0);
    }

    @Test
    void eachRegistrationEndsInOneOutcomeTheObserverHearsOf() {
        register(fixture.core, "ann@example.com", CoreFixture.PASSWORD);
        assertThatThrownBy(() -> register(fixture.core, "ann@example.com", CoreFixture.PASSWORD))
                .isInstanceOf(EmailAlreadyTakenException.class);
        assertThatThrownBy(() -> register(fixture.core, "bob@example.com", "short"))
                .isInstanceOf(UserServiceException.class);
        assertThatThrownBy(() -> register(fixture.core, "cy@example.com", CoreFixture.PASSWORD))
                .isInstanceOf(TooManyRequestsException.class);

        assertThat(outcomes).containsExactly(RegistrationOutcome.SUCCESS, RegistrationOutcome.REJECTED,
                RegistrationOutcome.REJECTED, RegistrationOutcome.THROTTLED);
        assertThat(fixture.sent()).extracting(RecordingUserNotifier.Notification::email)
                .containsExactly("ann@example.com");
    }

    @Test
    void anAccountThatNeedsConfirmationIsSentACodeAndAnnounced() {
        User ann = register(fixture.core, "ann@example.com", CoreFixture.PASSWORD);

        assertThat(ann.confirmed()).isFalse();
        AuditEvent registered = newest(AuditAction.REGISTRATION);
        assertThat(registered.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
        assertThat(registered.subjectId()).isEqualTo(ann.id());
        assertThat(registered.detail()).isEqualTo("confirmation code sent");
        assertThat(fixture.lastCode(MailKind.EMAIL_CONFIRMATION, "ann@example.com")).isPresent();
        List<WebhookEvent> queued = events.drain();
        assertThat(queued).extracting(WebhookEvent::type).containsExactly(WebhookEventType.USER_CREATED);
        assertThat(queued.get(0).payload()).contains("\"email\":\"ann@example.com\"", "\"firstname\":\"Ann\"",
                "\"lastname\":\"Example\"", "\"language\":\"de\"", "\"confirmed\":false");
    }

    @Test
    void anAccountConfirmedAtOnceGetsNoMailAndTheAuditSaysSo() {
        io.userservice.core.port.out.ServiceState state = InMemoryServiceState.create();
        RecordingUserNotifier notifier = new RecordingUserNotifier();
        UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults().withRequireConfirmation(false),
                InMemoryUserDirectory::new, state, notifier).clock(fixture.clock).bcryptCost(4).build();

        User ann = register(core, "ann@example.com", CoreFixture.PASSWORD);

        assertThat(ann.confirmed()).isTrue();
        AuditEvent registered = state.auditLog().newest(null, 10).stream().map(AuditEntry::event)
                .filter(e -> e.action().equals(AuditAction.REGISTRATION.storedForm())).findFirst().orElseThrow();
        assertThat(registered.detail()).isEqualTo("confirmed at once");
        core.mailDispatcher().deliverDue();
        assertThat(notifier.sent()).isEmpty();
    }
}
