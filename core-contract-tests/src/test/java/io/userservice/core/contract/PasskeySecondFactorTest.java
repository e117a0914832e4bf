package io.userservice.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.crypto.RfcOneTimePasswords;
import io.userservice.core.crypto.WebAuthn4jPasskeyVerifier;
import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.InvalidMfaCodeException;
import io.userservice.core.domain.InvalidMfaTokenException;
import io.userservice.core.domain.InvalidPasskeyException;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.MfaRequiredException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.PasskeyCreationOptions;
import io.userservice.core.domain.PasskeyRequestOptions;
import io.userservice.core.domain.SessionClient;
import io.userservice.core.domain.User;
import io.userservice.core.memory.InMemoryPasskeyState;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.CompleteMfaSignInUseCase;
import io.userservice.core.port.in.ConfirmEmailUseCase;
import io.userservice.core.port.in.ConfirmTotpUseCase;
import io.userservice.core.port.in.EnrolTotpUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RegisterPasskeyUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.SignInWithPasskeyUseCase;
import io.userservice.core.port.out.OneTimePasswords;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.service.UserServiceCore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A passkey answering the second step of a password sign-in, checked by webauthn4j against a software authenticator. */
class PasskeySecondFactorTest {

    private static final String ORIGIN = "https://id.example.com";
    private static final String PASSWORD = "correct horse battery";
    private static final String ADDRESS = "192.0.2.7";

    private final MovingClock clock = new MovingClock();
    private final RecordingUserNotifier notifier = new RecordingUserNotifier();
    private final ServiceState state = InMemoryServiceState.create();
    private final UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults(), InMemoryUserDirectory::new,
                    state, notifier).clock(clock).bcryptCost(4).tokenIssuerAndAudience(ORIGIN, "user-service")
            .passkeys(InMemoryPasskeyState.create(), new WebAuthn4jPasskeyVerifier(URI.create(ORIGIN))).build();
    private final OneTimePasswords otp = new RfcOneTimePasswords();

    private User aConfirmedUser(String email) {
        core.register().register(RegisterUserUseCase.Command.of(email, PASSWORD, null, null, null, ClientAddress.unknown()));
        core.mailDispatcher().deliverDue();
        String code = notifier.lastCode(MailKind.EMAIL_CONFIRMATION, email).orElseThrow();
        return core.confirmEmail().confirm(new ConfirmEmailUseCase.Command(code, ClientAddress.unknown()));
    }

    private void turnOnTotp(User user) {
        String secret = core.enrolTotp().enrol(new EnrolTotpUseCase.Command(Caller.user(user.id()), PASSWORD,
                ClientAddress.of(ADDRESS))).secret();
        long step = Math.floorDiv(clock.instant().getEpochSecond(), OneTimePasswords.STEP_SECONDS);
        core.confirmTotp().confirm(new ConfirmTotpUseCase.Command(Caller.user(user.id()),
                otp.totpCode(secret, step), ClientAddress.of(ADDRESS)));
    }

    private SoftwareAuthenticator aPasskeyOf(User user) {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator(ORIGIN).counter(1);
        PasskeyCreationOptions options = core.registerPasskey().options(new RegisterPasskeyUseCase.OptionsCommand(
                Caller.user(user.id()), null, PASSWORD, ClientAddress.of(ADDRESS)));
        core.registerPasskey().register(new RegisterPasskeyUseCase.Command(Caller.user(user.id()),
                authenticator.register(options.challenge(), options.userHandle()), "Laptop", ClientAddress.of(ADDRESS)));
        return authenticator;
    }

    private MfaRequiredException passwordStep(String email) {
        try {
            core.logIn().logIn(new LogInUseCase.Command(email, PASSWORD, ClientAddress.of(ADDRESS)));
        } catch (MfaRequiredException e) {
            return e;
        }
        throw new AssertionError("the sign-in did not ask for a second factor");
    }

    private PasskeyRequestOptions options(String mfaToken) {
        return core.completeMfaSignIn().webauthnOptions(new CompleteMfaSignInUseCase.OptionsCommand(mfaToken,
                ClientAddress.of(ADDRESS)));
    }

    private LogInUseCase.Result answer(String mfaToken, String assertion) {
        return core.completeMfaSignIn().complete(new CompleteMfaSignInUseCase.Command(mfaToken, null, null,
                assertion, ClientAddress.of(ADDRESS), null));
    }

    // --- abuse ---

    @Test
    void anotherUsersPasskeyAtTheSecondStepIsAWrongCode() {
        User ann = aConfirmedUser("ann@example.com");
        User bob = aConfirmedUser("bob@example.com");
        turnOnTotp(ann);
        aPasskeyOf(ann);
        SoftwareAuthenticator bobs = aPasskeyOf(bob);
        turnOnTotp(bob);
        String annToken = passwordStep("ann@example.com").mfaToken();

        assertThatThrownBy(() -> answer(annToken, bobs.assertion(options(annToken).challenge())))
                .isInstanceOf(InvalidMfaCodeException.class);
        // bob's own second-step challenge, signed by bob's passkey, does not answer ann's step either
        String bobToken = passwordStep("bob@example.com").mfaToken();
        assertThatThrownBy(() -> answer(annToken, bobs.assertion(options(bobToken).challenge())))
                .isInstanceOf(InvalidMfaCodeException.class);
        assertThat(state.auditLog().about(ann.id(), 100)).anyMatch(e -> e.event().action().equals(AuditAction.SIGN_IN.storedForm())
                && Outcome.DENIED.storedForm().equals(e.event().outcome()));
    }

    @Test
    void aReplayedAssertionIsRefused() {
        User ann = aConfirmedUser("ann@example.com");
        turnOnTotp(ann);
        SoftwareAuthenticator passkey = aPasskeyOf(ann);
        String first = passwordStep("ann@example.com").mfaToken();
        String assertion = passkey.assertion(options(first).challenge());
        answer(first, assertion);

        String second = passwordStep("ann@example.com").mfaToken();
        assertThatThrownBy(() -> answer(second, assertion)).isInstanceOf(InvalidMfaCodeException.class);
        assertThatThrownBy(() -> answer(first, assertion)).isInstanceOf(InvalidMfaTokenException.class);
    }

    @Test
    void optionsOfOneSignInDoNotAnswerAnotherSignInOfTheSameUser() {
        User ann = aConfirmedUser("ann@example.com");
        turnOnTotp(ann);
        SoftwareAuthenticator passkey = aPasskeyOf(ann);
        String first = passwordStep("ann@example.com").mfaToken();
        String second = passwordStep("ann@example.com").mfaToken();
        String firstsChallenge = options(first).challenge();

        assertThatThrownBy(() -> answer(second, passkey.assertion(firstsChallenge)))
                .isInstanceOf(InvalidMfaCodeException.class);
    }

    @Test
    void aChallengeFromThePasskeySignInDoesNotAnswerTheSecondStepNorTheOtherWay() {
        User ann = aConfirmedUser("ann@example.com");
        turnOnTotp(ann);
        SoftwareAuthenticator passkey = aPasskeyOf(ann);
        String token = passwordStep("ann@example.com").mfaToken();
        String signInChallenge = core.signInWithPasskey().options(new SignInWithPasskeyUseCase.OptionsCommand(null,
                ClientAddress.of(ADDRESS))).challenge();
        assertThatThrownBy(() -> answer(token, passkey.assertion(signInChallenge)))
                .isInstanceOf(InvalidMfaCodeException.class);

        String secondStepChallenge = options(token).challenge();
        assertThatThrownBy(() -> core.signInWithPasskey().logIn(new SignInWithPasskeyUseCase.Command(
                passkey.assertion(secondStepChallenge), SessionClient.unknown()))).isInstanceOf(InvalidPasskeyException.class);
    }

    @Test
    void tokensOfAnotherKindAreNoMfaToken() {
        User ann = aConfirmedUser("ann@example.com");
        turnOnTotp(ann);
        SoftwareAuthenticator passkey = aPasskeyOf(ann);
        String token = passwordStep("ann@example.com").mfaToken();
        String challenge = options(token).challenge();
        LogInUseCase.Result done = answer(token, passkey.assertion(challenge));

        assertThatThrownBy(() -> options(done.tokens().refreshToken())).isInstanceOf(InvalidMfaTokenException.class);
        assertThatThrownBy(() -> options(done.tokens().accessToken())).isInstanceOf(InvalidMfaTokenException.class);
        assertThatThrownBy(() -> options(null)).isInstanceOf(InvalidMfaTokenException.class);
        assertThatThrownBy(() -> answer(done.tokens().refreshToken(), passkey.assertion(challenge)))
                .isInstanceOf(InvalidMfaTokenException.class);
    }

    @Test
    void fiveWrongAssertionsKillTheChallenge() {
        User ann = aConfirmedUser("ann@example.com");
        User bob = aConfirmedUser("bob@example.com");
        turnOnTotp(ann);
        SoftwareAuthenticator passkey = aPasskeyOf(ann);
        SoftwareAuthenticator bobs = aPasskeyOf(bob);
        String token = passwordStep("ann@example.com").mfaToken();
        for (int i = 0; i < 5; i++) {
            String challenge = options(token).challenge();
            assertThatThrownBy(() -> answer(token, bobs.assertion(challenge)))
                    .isInstanceOf(InvalidMfaCodeException.class);
        }
        assertThatThrownBy(() -> options(token)).isInstanceOf(InvalidMfaTokenException.class);
        assertThatThrownBy(() -> answer(token, passkey.assertion("AAAA"))).isInstanceOf(InvalidMfaTokenException.class);
    }

    @Test
    void anAssertionWithoutUserVerificationOrUnreadableCountsAsAWrongCode() {
        User ann = aConfirmedUser("ann@example.com");
        turnOnTotp(ann);
        SoftwareAuthenticator passkey = aPasskeyOf(ann);
        String token = passwordStep("ann@example.com").mfaToken();
        String challenge = options(token).challenge();
        assertThatThrownBy(() -> answer(token, passkey.userVerified(false).assertion(challenge)))
                .isInstanceOf(InvalidMfaCodeException.class);
        assertThatThrownBy(() -> answer(token, "{\"id\":1}")).isInstanceOf(InvalidMfaCodeException.class);
        assertThatThrownBy(() -> core.completeMfaSignIn().complete(new CompleteMfaSignInUseCase.Command(token,
                "123456", null, "{}", ClientAddress.of(ADDRESS), null))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aPasswordChangeBetweenTheStepsMakesTheChallengeWorthless() {
        User ann = aConfirmedUser("ann@example.com");
        turnOnTotp(ann);
        SoftwareAuthenticator passkey = aPasskeyOf(ann);
        String token = passwordStep("ann@example.com").mfaToken();
        String challenge = options(token).challenge();
        core.changePassword().change(new io.userservice.core.port.in.ChangePasswordUseCase.Command(
                Caller.user(ann.id()), PASSWORD, "another horse battery", SessionClient.unknown()));

        assertThatThrownBy(() -> answer(token, passkey.assertion(challenge)))
                .isInstanceOf(InvalidMfaTokenException.class);
    }

    // --- the happy path ---

    @Test
    void aPasskeyIsOfferedAndAnswersTheSecondStep() {
        User ann = aConfirmedUser("ann@example.com");
        turnOnTotp(ann);
        assertThat(passwordStep("ann@example.com").methods()).doesNotContain("webauthn");
        SoftwareAuthenticator passkey = aPasskeyOf(ann);
        MfaRequiredException required = passwordStep("ann@example.com");
        assertThat(required.methods()).containsExactly("totp", "recovery_code", "webauthn");

        PasskeyRequestOptions options = options(required.mfaToken());
        assertThat(options.rpId()).isEqualTo("id.example.com");
        assertThat(options.allowCredentialIds()).containsExactly(passkey.credentialIdText());
        LogInUseCase.Result result = answer(required.mfaToken(), passkey.assertion(options.challenge()));

        assertThat(result.user().id()).isEqualTo(ann.id());
        AccessTokenClaims claims = core.authenticate().authenticate(result.tokens().accessToken());
        assertThat(claims.userId()).isEqualTo(ann.id());
        assertThat(state.auditLog().about(ann.id(), 100)).anyMatch(e -> e.event().action().equals(AuditAction.SIGN_IN.storedForm())
                && "second factor: webauthn".equals(e.event().detail()));
    }

    @Test
    void aPasskeyAloneDoesNotTurnOnTheSecondStep() {
        User bob = aConfirmedUser("bob@example.com");
        aPasskeyOf(bob);

        LogInUseCase.Result result = core.logIn().logIn(new LogInUseCase.Command("bob@example.com", PASSWORD,
                ClientAddress.of(ADDRESS)));
        assertThat(result.user().id()).isEqualTo(bob.id());
    }

    @Test
    void anAccountWithoutAPasskeyGetsNoOptions() {
        User ann = aConfirmedUser("ann@example.com");
        turnOnTotp(ann);
        assertThatThrownBy(() -> options(passwordStep("ann@example.com").mfaToken()))
                .isInstanceOf(InvalidInputException.class);
    }

    /** A clock the test moves by hand. */
    private static final class MovingClock extends Clock {
        private volatile Instant now = Instant.parse("2026-03-01T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
