package io.userservice.core.service;

import static io.userservice.core.service.ScriptedPasskeyVerifier.assertion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.MutableClock;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.EmailNotConfirmedException;
import io.userservice.core.domain.InvalidPasskeyException;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.Passkey;
import io.userservice.core.domain.PasskeyRequestOptions;
import io.userservice.core.domain.SessionClient;
import io.userservice.core.domain.SignInMethods;
import io.userservice.core.domain.TooManyRequestsException;
import io.userservice.core.domain.User;
import io.userservice.core.memory.InMemoryPasskeyState;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.ConfirmEmailUseCase;
import io.userservice.core.port.in.DeactivateUserUseCase;
import io.userservice.core.port.in.PortalLogin;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.SignInWithPasskeyUseCase;
import io.userservice.core.port.out.PasskeyState;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.port.out.ServiceObserver.SignInChannel;
import io.userservice.core.port.out.ServiceObserver.SignInOutcome;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.settings.ThrottleSettings;
import io.userservice.core.settings.ThrottleSettings.Limit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sign-in with a passkey, its checks in order: a readable assertion over a live challenge of this
 * sign-in, a known passkey whose user handle agrees, a signature that verifies with a counter
 * that went up and was not changed meanwhile, and a user who may sign in. Each failure is audited
 * and counted as a failed sign-in.
 */
class SignInWithPasskeyServiceTest {

    private static final Duration QUARTER = Duration.ofMinutes(15);
    private static final ClientAddress ADDRESS = ClientAddress.of("192.0.2.7");
    private static final SessionClient CLIENT = new SessionClient("192.0.2.7", "Firefox");

    private final MutableClock clock = MutableClock.atSomeMoment();
    private final RecordingUserNotifier notifier = new RecordingUserNotifier();
    private final ServiceState state = InMemoryServiceState.create();
    private final PasskeyState passkeyState = InMemoryPasskeyState.create();
    private final RacingPasskeys passkeys = new RacingPasskeys(passkeyState.passkeys());
    private final List<SignInOutcome> outcomes = new ArrayList<>();
    private final UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults(), InMemoryUserDirectory::new,
                    state, notifier)
            .clock(clock).bcryptCost(4)
            .throttling(new ThrottleSettings(new Limit(3, QUARTER), new Limit(6, QUARTER), new Limit(30, QUARTER),
                    new Limit(5, Duration.ofHours(1)), new Limit(20, Duration.ofHours(1)),
                    new Limit(20, Duration.ofHours(1)), new Limit(100, QUARTER)))
            .passkeys(new PasskeyState(passkeys, passkeyState.challenges()), new ScriptedPasskeyVerifier())
            .observer(new ServiceObserver() {
                @Override
                public void signIn(SignInChannel channel, SignInOutcome outcome) {
                    if (channel == SignInChannel.PASSKEY) {
                        outcomes.add(outcome);
                    }
                }
            })
            .build();
    private final User ada = confirmed(registered("ada@example.com"));
    private final String adasHandle = passkeyState.passkeys().userHandle(ada.id(), "handle-of-ada");

    SignInWithPasskeyServiceTest() {
        passkeyState.passkeys().add(new Passkey("pk-ada", ada.id(), bytes("cred-ada"), bytes("record"), 5, "laptop",
                clock.instant(), null));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private User registered(String email) {
        return core.register().register(RegisterUserUseCase.Command.of(email, CoreFixture.PASSWORD, null, null, null,
                ClientAddress.unknown()));
    }

    private User confirmed(User user) {
        core.mailDispatcher().deliverDue();
        String code = notifier.lastCode(MailKind.EMAIL_CONFIRMATION, user.email().value()).orElseThrow();
        return core.confirmEmail().confirm(new ConfirmEmailUseCase.Command(code, ClientAddress.unknown()));
    }

    private String challenge() {
        return challenge(null);
    }

    private String challenge(String boundTo) {
        return core.signInWithPasskey().options(new SignInWithPasskeyUseCase.OptionsCommand(null, ADDRESS, boundTo))
                .challenge();
    }

    private SignInWithPasskeyUseCase.Result logIn(String assertion) {
        return core.signInWithPasskey().logIn(new SignInWithPasskeyUseCase.Command(assertion, CLIENT));
    }

    private String adasAssertion(long count, String verdict) {
        return assertion(challenge(), "cred-ada", adasHandle, count, verdict);
    }

    private List<AuditEvent> audited(AuditAction action) {
        return state.auditLog().newest(null, 100).stream().map(AuditEntry::event)
                .filter(e -> e.action().equals(action.storedForm())).toList();
    }

    private void assertRefused(String assertion, Long userId, String why) {
        assertThatThrownBy(() -> logIn(assertion)).isInstanceOf(InvalidPasskeyException.class);
        AuditEvent event = audited(AuditAction.SIGN_IN).get(0);
        assertThat(event.outcome()).isEqualTo(Outcome.DENIED.storedForm());
        assertThat(event.subjectId()).isEqualTo(userId);
        assertThat(event.clientAddress()).isEqualTo("192.0.2.7");
        assertThat(event.detail()).isEqualTo("passkey: " + why);
    }

    @Test
    void optionsOfferAFreshChallengeForAnyPasskeyOfThisService() {
        PasskeyRequestOptions options = core.signInWithPasskey().options(
                new SignInWithPasskeyUseCase.OptionsCommand("nobody@example.com", ADDRESS));

        assertThat(options.rpId()).isEqualTo("login.example.com");
        assertThat(options.allowCredentialIds()).isEmpty();
        assertThat(options.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.challenge()).isNotEqualTo(challenge());
    }

    @Test
    void aValidAssertionSignsInAndStoresTheNewCounter() {
        clock.advance(Duration.ofMinutes(1));
        Instant now = clock.instant();

        SignInWithPasskeyUseCase.Result result = logIn(adasAssertion(6, "ok"));

        assertThat(result.user().id()).isEqualTo(ada.id());
        assertThat(core.authenticate().authenticate(result.tokens().accessToken()).email()).isEqualTo("ada@example.com");
        Passkey used = passkeyState.passkeys().findByCredentialId(bytes("cred-ada")).orElseThrow();
        assertThat(used.signCount()).isEqualTo(6);
        assertThat(used.lastUsedAt()).isEqualTo(now);
        assertThat(audited(AuditAction.SIGN_IN)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
            assertThat(e.subjectId()).isEqualTo(ada.id());
            assertThat(e.detail()).isEqualTo("passkey");
        });
        assertThat(outcomes).containsExactly(SignInOutcome.SUCCESS);
    }

    @Test
    void aPortalSignInStartsAPasskeySession() {
        PortalLogin login = core.signInWithPasskey().signInToPortal(
                new SignInWithPasskeyUseCase.Command(assertion(challenge(), "cred-ada", "-", 6, "ok"), CLIENT));

        assertThat(login.user().id()).isEqualTo(ada.id());
        assertThat(state.portalSessions().find(Digests.sha256(login.sessionSecret())).orElseThrow().amr())
                .isEqualTo(SignInMethods.PASSKEY);
        assertThat(outcomes).containsExactly(SignInOutcome.SUCCESS);
    }

    @Test
    void anUnreadableAssertionIsRefused() {
        assertRefused("not an assertion", null, "unreadable assertion");
        assertThat(outcomes).containsExactly(SignInOutcome.FAILURE);
    }

    @Test
    void aChallengeAnswersOneSignInOnce() {
        String challenge = challenge();
        logIn(assertion(challenge, "cred-ada", adasHandle, 6, "ok"));

        assertRefused(assertion(challenge, "cred-ada", adasHandle, 7, "ok"), null, "unknown, used or expired challenge");
        assertRefused(assertion("bm90LWlzc3VlZA", "cred-ada", adasHandle, 7, "ok"), null,
                "unknown, used or expired challenge");
        String late = challenge();
        clock.advance(Duration.ofMinutes(5));
        assertRefused(assertion(late, "cred-ada", adasHandle, 7, "ok"), null, "unknown, used or expired challenge");
    }

    @Test
    void aBoundChallengeAnswersOnlyTheSignInItWasBoundTo() {
        String bound = challenge("request A");
        String unbound = challenge();

        assertThatThrownBy(() -> core.signInWithPasskey().logIn(new SignInWithPasskeyUseCase.Command(
                assertion(bound, "cred-ada", adasHandle, 6, "ok"), CLIENT, "request B")))
                .isInstanceOf(InvalidPasskeyException.class);
        assertThatThrownBy(() -> core.signInWithPasskey().logIn(new SignInWithPasskeyUseCase.Command(
                assertion(unbound, "cred-ada", adasHandle, 6, "ok"), CLIENT, "request A")))
                .isInstanceOf(InvalidPasskeyException.class);
        String again = challenge("request A");
        assertThat(core.signInWithPasskey().logIn(new SignInWithPasskeyUseCase.Command(
                assertion(again, "cred-ada", adasHandle, 6, "ok"), CLIENT, "request A")).user().id())
                .isEqualTo(ada.id());
        assertThatThrownBy(() -> logIn(assertion(bound, "cred-ada", adasHandle, 7, "ok")))
                .isInstanceOf(InvalidPasskeyException.class);
    }

    @Test
    void anUnknownPasskeyIsRefused() {
        assertRefused(assertion(challenge(), "cred-unknown", adasHandle, 6, "ok"), null, "unknown passkey");
    }

    @Test
    void theUserHandleMustBeThePasskeysOwners() {
        User bob = confirmed(registered("bob@example.com"));
        String bobsHandle = passkeyState.passkeys().userHandle(bob.id(), "handle-of-bob");

        assertRefused(assertion(challenge(), "cred-ada", bobsHandle, 6, "ok"), ada.id(),
                "user handle does not match the passkey");
        assertRefused(assertion(challenge(), "cred-ada", "handle-of-nobody", 6, "ok"), ada.id(),
                "user handle does not match the passkey");
        assertThat(logIn(assertion(challenge(), "cred-ada", "", 6, "ok")).user().id()).isEqualTo(ada.id());
    }

    @Test
    void aPasskeyOfAnUnknownAccountIsRefused() {
        passkeyState.passkeys().add(new Passkey("pk-gone", 9999, bytes("cred-gone"), bytes("record"), 0, "old",
                clock.instant(), null));

        assertRefused(assertion(challenge(), "cred-gone", "-", 1, "ok"), 9999L, "unknown account");
    }

    @Test
    void aSignatureThatDoesNotVerifyIsRefusedAndCountedForTheAccount() {
        assertRefused(adasAssertion(6, "bad"), ada.id(), "assertion did not verify");
        assertRefused(adasAssertion(6, "bad"), ada.id(), "assertion did not verify");
        assertRefused(adasAssertion(6, "bad"), ada.id(), "assertion did not verify");

        assertThatThrownBy(() -> logIn(adasAssertion(6, "ok"))).isInstanceOf(TooManyRequestsException.class);
        assertThatThrownBy(() -> core.signInWithPasskey().options(
                new SignInWithPasskeyUseCase.OptionsCommand("ada@example.com", ADDRESS)))
                .isInstanceOf(TooManyRequestsException.class);
        assertThat(core.signInWithPasskey().options(
                new SignInWithPasskeyUseCase.OptionsCommand("other@example.com", ClientAddress.of("192.0.2.8"))))
                .isNotNull();
        assertThat(outcomes).containsExactly(SignInOutcome.FAILURE, SignInOutcome.FAILURE, SignInOutcome.FAILURE,
                SignInOutcome.THROTTLED);
        assertThat(passkeyState.passkeys().findByCredentialId(bytes("cred-ada")).orElseThrow().signCount())
                .isEqualTo(5);
    }

    @Test
    void failuresBeforeTheAccountIsKnownAreCountedForTheAddress() {
        String valid = adasAssertion(6, "ok");
        for (int i = 0; i < 6; i++) {
            assertRefused(assertion(challenge(), "cred-unknown", "-", 6, "ok"), null, "unknown passkey");
        }

        assertThatThrownBy(() -> logIn(valid)).isInstanceOf(TooManyRequestsException.class);
        assertThatThrownBy(() -> logIn("not an assertion")).isInstanceOf(TooManyRequestsException.class);
        assertThatThrownBy(() -> core.signInWithPasskey().options(
                new SignInWithPasskeyUseCase.OptionsCommand(null, ADDRESS))).isInstanceOf(TooManyRequestsException.class);
        assertThatThrownBy(() -> core.signInWithPasskey().options(
                new SignInWithPasskeyUseCase.OptionsCommand(" ", ADDRESS))).isInstanceOf(TooManyRequestsException.class);
        assertThat(outcomes).endsWith(SignInOutcome.THROTTLED);
    }

    @Test
    void aCounterThatDidNotIncreaseReportsAClonedAuthenticator() {
        assertRefused(adasAssertion(3, "cloned"), ada.id(), "signature counter did not increase");

        assertThat(audited(AuditAction.PASSKEY_CLONED)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED.storedForm());
            assertThat(e.subjectId()).isEqualTo(ada.id());
            assertThat(e.detail()).isEqualTo("passkey pk-ada: counter 3 after 5");
        });
    }

    @Test
    void aCounterChangedDuringTheSignInLosesTheRace() {
        passkeys.changeCountOnNextUse();

        assertRefused(adasAssertion(6, "ok"), ada.id(), "signature counter raced");

        assertThat(audited(AuditAction.PASSKEY_CLONED)).singleElement().satisfies(e ->
                assertThat(e.detail()).isEqualTo("passkey pk-ada: counter changed during the sign-in"));
    }

    @Test
    void aDeactivatedUserLooksLikeAFailedPasskey() {
        core.deactivateUser().setActive(new DeactivateUserUseCase.Command(Caller.operator(), ada.id(), false,
                ClientAddress.unknown()));

        assertRefused(adasAssertion(6, "ok"), ada.id(), "invalid_credentials");
    }

    @Test
    void anUnconfirmedUserIsToldToConfirm() {
        User unconfirmed = registered("new@example.com");
        passkeyState.passkeys().add(new Passkey("pk-new", unconfirmed.id(), bytes("cred-new"), bytes("record"), 0,
                "phone", clock.instant(), null));

        assertThatThrownBy(() -> logIn(assertion(challenge(), "cred-new", "-", 1, "ok")))
                .isInstanceOf(EmailNotConfirmedException.class);
        assertThat(audited(AuditAction.SIGN_IN).get(0).detail()).isEqualTo("passkey: email_not_confirmed");
        assertThat(outcomes).containsExactly(SignInOutcome.FAILURE);
    }
}
