package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.userservice.core.CoreFixture;
import io.userservice.core.MutableClock;
import io.userservice.core.crypto.KeyEncryption;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidMfaCodeException;
import io.userservice.core.domain.InvalidMfaTokenException;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.MfaChallenge;
import io.userservice.core.domain.MfaRequiredException;
import io.userservice.core.domain.User;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.CompleteMfaSignInUseCase;
import io.userservice.core.port.in.ConfirmEmailUseCase;
import io.userservice.core.port.in.ConfirmTotpUseCase;
import io.userservice.core.port.in.EnrolTotpUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.ResetMfaUseCase;
import io.userservice.core.port.out.MfaChallengePort;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.settings.CoreSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The second factors behind the sign-in: recovery codes are offered only while one is left; a
 * challenge answers only while the authenticator is on, and only once (a challenge another
 * instance used meanwhile gives no tokens); an authenticator that is on cannot be confirmed again
 * and nothing pending cannot be confirmed at all; removing factors from an account without any
 * says so; and a sealed authenticator secret opens only for the user it was sealed for.
 */
class SecondFactorsTest {

    private static final String PASSWORD = CoreFixture.PASSWORD;
    private static final ClientAddress ADDRESS = ClientAddress.of("203.0.113.20");

    private final CoreFixture fixture = new CoreFixture(builder -> builder.keyEncryption(KeyEncryption.aesGcm(
            filled(32, (byte) 7))));
    private final QueuedWebhookEvents events = QueuedWebhookEvents.of(fixture);
    private final User ann = fixture.aConfirmedUser("ann@example.com");

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }

    private String enrol(long userId) {
        return fixture.core.enrolTotp().enrol(new EnrolTotpUseCase.Command(Caller.user(userId), PASSWORD, ADDRESS))
                .secret();
    }

    private List<String> confirm(long userId, String code) {
        return fixture.core.confirmTotp().confirm(new ConfirmTotpUseCase.Command(Caller.user(userId), code, ADDRESS));
    }

    private String codeNow(String secret) {
        return AuthenticatorApp.code(secret, fixture.clock.instant());
    }

    private MfaRequiredException passwordStep(String email) {
        Throwable thrown = catchThrowable(() -> fixture.core.logIn().logIn(new LogInUseCase.Command(email, PASSWORD,
                ADDRESS)));
        assertThat(thrown).isInstanceOf(MfaRequiredException.class);
        return (MfaRequiredException) thrown;
    }

    private LogInUseCase.Result answer(String token, String code, String recoveryCode) {
        return fixture.core.completeMfaSignIn().complete(new CompleteMfaSignInUseCase.Command(token, code,
                recoveryCode, ADDRESS, null));
    }

    private AuditEvent newest(AuditAction action) {
        return fixture.audited(action).get(0);
    }

    @Test
    void recoveryCodesAreOfferedOnlyWhileOneIsLeft() {
        String secret = enrol(ann.id());
        List<String> recoveryCodes = confirm(ann.id(), codeNow(secret));
        assertThat(recoveryCodes).hasSize(SecondFactors.RECOVERY_CODES);

        for (int used = 0; used < recoveryCodes.size(); used++) {
            MfaRequiredException challenge = passwordStep("ann@example.com");
            assertThat(challenge.methods()).containsExactly(SecondFactors.TOTP, SecondFactors.RECOVERY_CODE);
            answer(challenge.mfaToken(), null, recoveryCodes.get(used));
        }

        assertThat(passwordStep("ann@example.com").methods()).containsExactly(SecondFactors.TOTP);
    }

    @Test
    void aChallengeStartedBeforeAnAdministratorTurnedTheAuthenticatorOffAcceptsNoCode() {
        String secret = enrol(ann.id());
        confirm(ann.id(), codeNow(secret));
        fixture.clock.advance(Duration.ofSeconds(30));
        String token = passwordStep("ann@example.com").mfaToken();

        fixture.core.resetMfa().reset(new ResetMfaUseCase.Command(Caller.operator(), ann.id(), ADDRESS));

        assertThatThrownBy(() -> answer(token, codeNow(secret), null)).isInstanceOf(InvalidMfaCodeException.class);
        assertThat(newest(AuditAction.SIGN_IN).detail()).isEqualTo("wrong authenticator code");
    }

    @Test
    void anAuthenticatorThatIsOnCannotBeConfirmedAgain() {
        String secret = enrol(ann.id());
        List<String> first = confirm(ann.id(), codeNow(secret));
        fixture.clock.advance(Duration.ofSeconds(30));
        events.drain();

        assertThatThrownBy(() -> confirm(ann.id(), codeNow(secret))).isInstanceOf(InvalidMfaCodeException.class);

        assertThat(events.drainTypes()).doesNotContain(WebhookEventType.MFA_ENABLED);
        String oldCode = first.get(0);
        MfaRequiredException challenge = passwordStep("ann@example.com");
        assertThat(answer(challenge.mfaToken(), null, oldCode).tokens()).isNotNull();
    }

    @Test
    void nothingPendingCannotBeConfirmed() {
        assertThatThrownBy(() -> confirm(ann.id(), "123456")).isInstanceOf(InvalidMfaCodeException.class);

        assertThat(fixture.state.secondFactors().totp(ann.id())).isEmpty();
        assertThat(fixture.state.secondFactors().recoveryCodesLeft(ann.id())).isZero();
        assertThat(events.drainTypes()).doesNotContain(WebhookEventType.MFA_ENABLED);
    }

    @Test
    void resettingAnAccountWithoutASecondFactorSaysItWasAlreadyOffAndTellsNoOne() {
        events.drain();

        fixture.core.resetMfa().reset(new ResetMfaUseCase.Command(Caller.operator(), ann.id(), ADDRESS));

        assertThat(newest(AuditAction.MFA_RESET).detail()).startsWith("was already off");
        assertThat(events.drainTypes()).doesNotContain(WebhookEventType.MFA_DISABLED);
        assertThat(fixture.sent()).extracting(RecordingUserNotifier.Notification::kind)
                .doesNotContain(MailKind.MFA_RESET_NOTICE);
    }

    @Test
    void resettingAnAccountWithAnAuthenticatorOnTurnsItOffAndTellsTheUser() {
        String secret = enrol(ann.id());
        confirm(ann.id(), codeNow(secret));
        events.drain();

        fixture.core.resetMfa().reset(new ResetMfaUseCase.Command(Caller.operator(), ann.id(), ADDRESS));

        assertThat(newest(AuditAction.MFA_RESET).detail()).isNull();
        assertThat(events.drainTypes()).containsExactly(WebhookEventType.MFA_DISABLED);
        assertThat(fixture.sent()).extracting(RecordingUserNotifier.Notification::kind)
                .contains(MailKind.MFA_RESET_NOTICE);
    }

    @Test
    void anAuthenticatorSecretCopiedToAnotherUserDoesNotOpenThere() {
        User bob = fixture.aConfirmedUser("bob@example.com");
        String annsSecret = enrol(ann.id());
        String sealed = fixture.state.secondFactors().totp(ann.id()).orElseThrow().storedSecret();
        assertThat(sealed).doesNotContain(annsSecret);
        fixture.state.secondFactors().removeAll(bob.id());
        fixture.state.secondFactors().savePendingTotp(bob.id(), sealed, fixture.clock.instant());

        catchThrowable(() -> confirm(bob.id(), codeNow(annsSecret)));

        assertThat(fixture.state.secondFactors().totp(bob.id()).orElseThrow().enabled()).isFalse();
        assertThat(fixture.state.secondFactors().recoveryCodesLeft(bob.id())).isZero();
        assertThat(confirm(ann.id(), codeNow(annsSecret))).hasSize(SecondFactors.RECOVERY_CODES);
    }

    @Test
    void aSignInWhoseChallengeAnotherInstanceUsedMeanwhileGetsNoTokens() {
        MutableClock clock = MutableClock.atSomeMoment();
        ServiceState plain = InMemoryServiceState.create();
        RacingChallenges racing = new RacingChallenges(plain.mfaChallenges());
        ServiceState state = new ServiceState(plain.accounts(), plain.identities(), plain.attributes(),
                plain.refreshTokens(), plain.codes(), plain.signingKeys(), plain.consumedTokens(),
                plain.portalSessions(), plain.auditLog(), plain.mailOutbox(), plain.throttleCounters(),
                plain.transactions(), plain.webhookEndpoints(), plain.webhookOutbox(), plain.emailChanges(),
                plain.secondFactors(), racing);
        RecordingUserNotifier notifier = new RecordingUserNotifier();
        UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults(), InMemoryUserDirectory::new, state,
                notifier).clock(clock).bcryptCost(4).build();
        long id = core.register().register(RegisterUserUseCase.Command.of("cy@example.com", PASSWORD, null, null,
                null, ADDRESS)).id();
        core.mailDispatcher().deliverDue();
        core.confirmEmail().confirm(new ConfirmEmailUseCase.Command(
                notifier.lastCode(MailKind.EMAIL_CONFIRMATION, "cy@example.com").orElseThrow(), ADDRESS));
        String secret = core.enrolTotp().enrol(new EnrolTotpUseCase.Command(Caller.user(id), PASSWORD, ADDRESS))
                .secret();
        core.confirmTotp().confirm(new ConfirmTotpUseCase.Command(Caller.user(id),
                AuthenticatorApp.code(secret, clock.instant()), ADDRESS));
        clock.advance(Duration.ofSeconds(30));
        String token = catchMfa(() -> core.logIn().logIn(new LogInUseCase.Command("cy@example.com", PASSWORD,
                ADDRESS))).mfaToken();

        racing.useOnNextConsume();

        assertThatThrownBy(() -> core.completeMfaSignIn().complete(new CompleteMfaSignInUseCase.Command(token,
                AuthenticatorApp.code(secret, clock.instant()), null, ADDRESS, null)))
                .isInstanceOf(InvalidMfaTokenException.class);
        assertThat(plain.refreshTokens().revokeAllOfUser(id, clock.instant())).isZero();
    }

    private static MfaRequiredException catchMfa(Runnable signIn) {
        Throwable thrown = catchThrowable(signIn::run);
        assertThat(thrown).isInstanceOf(MfaRequiredException.class);
        return (MfaRequiredException) thrown;
    }

    /** The challenges, where another instance can answer the same challenge between a check and its use. */
    private static final class RacingChallenges implements MfaChallengePort {
        private final MfaChallengePort challenges;
        private boolean useFirst;

        RacingChallenges(MfaChallengePort challenges) {
            this.challenges = challenges;
        }

        void useOnNextConsume() {
            useFirst = true;
        }

        @Override
        public void save(MfaChallenge challenge) {
            challenges.save(challenge);
        }

        @Override
        public Optional<MfaChallenge> findLive(String tokenHash, Instant now, int maxFailures) {
            return challenges.findLive(tokenHash, now, maxFailures);
        }

        @Override
        public void countFailure(String tokenHash, int maxFailures) {
            challenges.countFailure(tokenHash, maxFailures);
        }

        @Override
        public boolean consume(String tokenHash, Instant now, int maxFailures) {
            if (useFirst) {
                useFirst = false;
                challenges.consume(tokenHash, now, maxFailures);
            }
            return challenges.consume(tokenHash, now, maxFailures);
        }

        @Override
        public int deleteExpiredBefore(Instant cutoff) {
            return challenges.deleteExpiredBefore(cutoff);
        }

        @Override
        public int eraseUser(long userId) {
            return challenges.eraseUser(userId);
        }
    }
}
