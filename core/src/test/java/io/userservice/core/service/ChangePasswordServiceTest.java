package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.MutableClock;
import io.userservice.core.domain.AccountChange;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.SessionClient;
import io.userservice.core.domain.User;
import io.userservice.core.domain.WebhookDelivery;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.AdministerWebhooksUseCase;
import io.userservice.core.port.in.ChangePasswordUseCase;
import io.userservice.core.port.in.ConfirmEmailUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.SignInToPortalUseCase;
import io.userservice.core.port.out.AccountStatePort;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.WebhookOutboxPort;
import io.userservice.core.settings.CoreSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A password change ends every other session of the user, says so to webhooks and in the audit,
 * and changes nothing when another change of the account got in between the check and the write.
 */
class ChangePasswordServiceTest {

    private static final String NEW_PASSWORD = "a brand new passphrase";
    private static final SessionClient CLIENT = new SessionClient("192.0.2.7", "Firefox");

    private final MutableClock clock = MutableClock.atSomeMoment();
    private final RecordingUserNotifier notifier = new RecordingUserNotifier();
    private final ServiceState plain = InMemoryServiceState.create();
    private final EpochRacingAccounts accounts = new EpochRacingAccounts(plain.accounts());
    private final ServiceState state = plain.withAccounts(accounts, plain.transactions());
    private final UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults(), InMemoryUserDirectory::new,
            state, notifier).clock(clock).bcryptCost(4).build();
    private final User ann = confirmed("ann@example.com");

    ChangePasswordServiceTest() {
        core.administerWebhooks().create(Caller.operator(), new AdministerWebhooksUseCase.Settings(
                "https://hooks.example.com/", Arrays.stream(WebhookEventType.values()).map(WebhookEventType::wireName)
                .toList(), null), ClientAddress.unknown());
    }

    private User confirmed(String email) {
        core.register().register(RegisterUserUseCase.Command.of(email, CoreFixture.PASSWORD, null, null, null,
                ClientAddress.unknown()));
        core.mailDispatcher().deliverDue();
        String code = notifier.lastCode(MailKind.EMAIL_CONFIRMATION, email).orElseThrow();
        return core.confirmEmail().confirm(new ConfirmEmailUseCase.Command(code, ClientAddress.unknown()));
    }

    private ChangePasswordUseCase.Result change() {
        return core.changePassword().change(new ChangePasswordUseCase.Command(Caller.user(ann.id()),
                CoreFixture.PASSWORD, NEW_PASSWORD, CLIENT));
    }

    private List<AuditEvent> audited() {
        return state.auditLog().newest(null, 100).stream().map(AuditEntry::event)
                .filter(e -> e.action().equals(AuditAction.PASSWORD_CHANGED.storedForm())).toList();
    }

    private List<String> events() {
        List<String> all = new ArrayList<>();
        List<WebhookDelivery> claimed;
        do {
            claimed = state.webhookOutbox().claimDue(clock.instant(), clock.instant().plusSeconds(60), 100);
            claimed.forEach(d -> state.webhookOutbox().markDelivered(WebhookOutboxPort.Claim.of(d), clock.instant(),
                    200));
            claimed.forEach(d -> all.add(d.event().type().wireName() + " " + d.event().payload()
                    .replaceFirst("^\\{\"type\":\"[^\"]+\",\"timestamp\":\"[^\"]+\",\"data\":", "")));
        } while (!claimed.isEmpty());
        return all;
    }

    @Test
    void aChangeEndsEverySessionAndCountsThem() {
        core.logIn().logIn(new LogInUseCase.Command("ann@example.com", CoreFixture.PASSWORD, ClientAddress.unknown()));
        core.logIn().logIn(new LogInUseCase.Command("ann@example.com", CoreFixture.PASSWORD, ClientAddress.unknown()));
        core.signInToPortal().signIn(new SignInToPortalUseCase.Command("ann@example.com", CoreFixture.PASSWORD,
                ClientAddress.unknown()));
        events();

        ChangePasswordUseCase.Result result = change();

        assertThat(result.user().credentialEpoch()).isEqualTo(ann.credentialEpoch() + 1);
        assertThat(result.tokens().refreshToken()).isNotNull();
        assertThat(audited()).first().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
            assertThat(e.clientAddress()).isEqualTo("192.0.2.7");
            assertThat(e.detail()).isEqualTo("ended 3 refresh token(s) and portal session(s)");
        });
        assertThat(events()).containsExactly(
                "user.password_changed {\"id\":" + ann.id() + ",\"reason\":\"change\"}}",
                "session.revoked {\"id\":" + ann.id() + ",\"reason\":\"password_changed\"}}");
    }

    @Test
    void aChangeWithoutOtherSessionsEndsNone() {
        events();

        change();

        assertThat(audited().get(0).detail()).isEqualTo("ended 0 refresh token(s) and portal session(s)");
        assertThat(audited().get(0).outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
        assertThat(events()).containsExactly(
                "user.password_changed {\"id\":" + ann.id() + ",\"reason\":\"change\"}}");
    }

    @Test
    void aChangeOfTheAccountDuringTheHashingWinsAndThePasswordStays() {
        accounts.raiseEpochBeforeNextConditionalChange();

        assertThatThrownBy(this::change).isInstanceOf(InvalidCredentialsException.class);

        assertThat(audited().get(0).outcome()).isEqualTo(Outcome.DENIED.storedForm());
        assertThat(audited().get(0).detail())
                .isEqualTo("another change of the account ran at the same time; password not changed");
        assertThat(core.logIn().logIn(new LogInUseCase.Command("ann@example.com", CoreFixture.PASSWORD,
                ClientAddress.unknown())).user().id()).isEqualTo(ann.id());
    }

    /** Account state where another request raises the epoch just before the next conditional change. */
    private static final class EpochRacingAccounts extends DelegatingAccountState {
        private boolean raise;

        EpochRacingAccounts(AccountStatePort delegate) {
            super(delegate);
        }

        void raiseEpochBeforeNextConditionalChange() {
            raise = true;
        }

        @Override
        public boolean applyIfEpoch(long userId, long expectedEpoch, AccountChange change) {
            if (raise) {
                raise = false;
                delegate.signedOutEverywhere(userId, java.time.Instant.EPOCH);
            }
            return delegate.applyIfEpoch(userId, expectedEpoch, change);
        }
    }
}
