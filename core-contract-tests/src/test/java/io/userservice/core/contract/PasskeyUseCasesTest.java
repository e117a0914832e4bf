package io.userservice.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.InvalidPasskeyException;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.Passkey;
import io.userservice.core.domain.PasskeyCreationOptions;
import io.userservice.core.domain.PasskeyRequestOptions;
import io.userservice.core.domain.ReauthenticationRequiredException;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.SessionClient;
import io.userservice.core.domain.TooManyRequestsException;
import io.userservice.core.domain.User;
import io.userservice.core.memory.InMemoryPasskeyState;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.ConfirmEmailUseCase;
import io.userservice.core.port.in.DeactivateUserUseCase;
import io.userservice.core.port.in.DeleteAccountUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RefreshTokensUseCase;
import io.userservice.core.port.in.RegisterPasskeyUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.SignInWithPasskeyUseCase;
import io.userservice.core.port.out.PasskeyState;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.service.UserServiceCore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The passkey use cases over the in-memory stores, with webauthn4j checking a software authenticator's answers. */
class PasskeyUseCasesTest {

    private static final String ORIGIN = "https://id.example.com";
    private static final String PASSWORD = "correct horse battery";

    private final MovingClock clock = new MovingClock();
    private final RecordingUserNotifier notifier = new RecordingUserNotifier();
    private final ServiceState state = InMemoryServiceState.create();
    private final PasskeyState passkeys = InMemoryPasskeyState.create();
    /** One directory for every core of a test, as instances on one database share their users. */
    private InMemoryUserDirectory directory;
    private final UserServiceCore core = coreOver(passkeys, ORIGIN);

    private UserServiceCore coreOver(PasskeyState passkeyState, String publicUrl) {
        UserServiceCore.Builder builder = UserServiceCore.builder(CoreSettings.defaults(),
                        hasher -> directory == null ? (directory = new InMemoryUserDirectory(hasher)) : directory,
                        state, notifier)
                .clock(clock).bcryptCost(4).tokenIssuerAndAudience(publicUrl, "user-service");
        if (passkeyState != null) {
            builder.passkeys(passkeyState, new io.userservice.core.crypto.WebAuthn4jPasskeyVerifier(
                    java.net.URI.create(publicUrl)));
        }
        return builder.build();
    }

    private User aConfirmedUser(String email) {
        core.register().register(RegisterUserUseCase.Command.of(email, PASSWORD, null, null, null, ClientAddress.unknown()));
        core.mailDispatcher().deliverDue();
        String code = notifier.lastCode(MailKind.EMAIL_CONFIRMATION, email).orElseThrow();
        return core.confirmEmail().confirm(new ConfirmEmailUseCase.Command(code, ClientAddress.unknown()));
    }

    private PasskeyCreationOptions optionsWithPassword(User user) {
        return core.registerPasskey().options(new RegisterPasskeyUseCase.OptionsCommand(Caller.user(user.id()), null,
                PASSWORD, ClientAddress.of("192.0.2.1")));
    }

    private SoftwareAuthenticator aRegisteredPasskey(User user) {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator(ORIGIN).counter(1);
        PasskeyCreationOptions options = optionsWithPassword(user);
        core.registerPasskey().register(new RegisterPasskeyUseCase.Command(Caller.user(user.id()),
                authenticator.register(options.challenge(), options.userHandle()), "Laptop", ClientAddress.of("192.0.2.1")));
        return authenticator;
    }

    private String signInChallenge() {
        return core.signInWithPasskey().options(new SignInWithPasskeyUseCase.OptionsCommand(null, ClientAddress.of("192.0.2.9")))
                .challenge();
    }

    private SignInWithPasskeyUseCase.Result signIn(String assertion) {
        return core.signInWithPasskey().logIn(new SignInWithPasskeyUseCase.Command(assertion, SessionClient.unknown()));
    }

    @Test
    void aRegisteredPasskeySignsInWithoutAPasswordAndTheTokensWork() {
        User ann = aConfirmedUser("ann@example.com");
        PasskeyCreationOptions options = optionsWithPassword(ann);
        assertThat(options.rpId()).isEqualTo("id.example.com");
        assertThat(options.userHandle()).doesNotContain("ann").isNotEqualTo(Long.toString(ann.id()));
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator(ORIGIN).counter(1);
        Passkey registered = core.registerPasskey().register(new RegisterPasskeyUseCase.Command(Caller.user(ann.id()),
                authenticator.register(options.challenge(), options.userHandle()), " Laptop ", ClientAddress.unknown()));
        assertThat(registered.name()).isEqualTo("Laptop");

        SignInWithPasskeyUseCase.Result result = signIn(authenticator.assertion(signInChallenge()));

        assertThat(result.user().id()).isEqualTo(ann.id());
        AccessTokenClaims claims = core.authenticate().authenticate(result.tokens().accessToken());
        assertThat(claims.userId()).isEqualTo(ann.id());
        assertThat(claims.authTime()).isNotNull();
        Passkey used = core.managePasskeys().list(Caller.user(ann.id())).get(0);
        assertThat(used.signCount()).isEqualTo(2);
        assertThat(used.lastUsedAt()).isEqualTo(clock.instant());
        assertThat(optionsWithPassword(ann).excludeCredentialIds()).containsExactly(authenticator.credentialIdText());
    }

    @Test
    void signInOptionsLookTheSameForAKnownAnUnknownAndNoEmail() {
        User ann = aConfirmedUser("ann@example.com");
        aRegisteredPasskey(ann);

        PasskeyRequestOptions known = core.signInWithPasskey().options(
                new SignInWithPasskeyUseCase.OptionsCommand("ann@example.com", ClientAddress.unknown()));
        PasskeyRequestOptions unknown = core.signInWithPasskey().options(
                new SignInWithPasskeyUseCase.OptionsCommand("nobody@example.com", ClientAddress.unknown()));
        PasskeyRequestOptions none = core.signInWithPasskey().options(
                new SignInWithPasskeyUseCase.OptionsCommand(null, ClientAddress.unknown()));

        for (PasskeyRequestOptions options : new PasskeyRequestOptions[] {known, unknown, none}) {
            assertThat(options.rpId()).isEqualTo("id.example.com");
            assertThat(options.allowCredentialIds()).isEmpty();
            assertThat(options.challenge()).hasSize(known.challenge().length());
            assertThat(options.timeout()).isEqualTo(known.timeout());
        }
    }

    @Test
    void registrationOptionsNeedThePasswordOrASignInFromTheLastFiveMinutes() {
        User ann = aConfirmedUser("ann@example.com");
        LogInUseCase.Result login = core.logIn().logIn(new LogInUseCase.Command("ann@example.com", PASSWORD, ClientAddress.unknown()));
        AccessTokenClaims fresh = core.authenticate().authenticate(login.tokens().accessToken());
        RegisterPasskeyUseCase registration = core.registerPasskey();

        assertThatThrownBy(() -> registration.options(new RegisterPasskeyUseCase.OptionsCommand(Caller.user(ann.id()),
                null, null, ClientAddress.unknown()))).isInstanceOf(ReauthenticationRequiredException.class);
        assertThatThrownBy(() -> registration.options(new RegisterPasskeyUseCase.OptionsCommand(Caller.user(ann.id()),
                null, "wrong password", ClientAddress.unknown()))).isInstanceOf(InvalidCredentialsException.class);
        assertThat(registration.options(new RegisterPasskeyUseCase.OptionsCommand(Caller.of(fresh), fresh.authTime(),
                null, ClientAddress.unknown())).challenge()).isNotBlank();

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThatThrownBy(() -> registration.options(new RegisterPasskeyUseCase.OptionsCommand(Caller.of(fresh),
                fresh.authTime(), null, ClientAddress.unknown()))).isInstanceOf(ReauthenticationRequiredException.class);
    }

    @Test
    void aRefreshedTokenIsNoFreshSignIn() {
        aConfirmedUser("ann@example.com");
        LogInUseCase.Result login = core.logIn().logIn(new LogInUseCase.Command("ann@example.com", PASSWORD, ClientAddress.unknown()));

        String refreshed = core.refreshTokens().refresh(new RefreshTokensUseCase.Command(
                login.tokens().refreshToken(), ClientAddress.unknown())).accessToken();

        assertThat(core.authenticate().authenticate(refreshed).authTime()).isNull();
    }

    @Test
    void aTokenMintedOnSomeonesBehalfRegistersNothing() {
        User ann = aConfirmedUser("ann@example.com");
        User admin = aConfirmedUser("admin@example.com");

        assertThatThrownBy(() -> core.registerPasskey().options(new RegisterPasskeyUseCase.OptionsCommand(
                new Caller(ann.id(), admin.id()), clock.instant(), PASSWORD, ClientAddress.unknown())))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aRegistrationChallengeWorksOnceAndOnlyForItsUser() {
        User ann = aConfirmedUser("ann@example.com");
        User bob = aConfirmedUser("bob@example.com");
        PasskeyCreationOptions options = optionsWithPassword(ann);
        String response = new SoftwareAuthenticator(ORIGIN).register(options.challenge(), options.userHandle());

        assertThatThrownBy(() -> core.registerPasskey().register(new RegisterPasskeyUseCase.Command(
                Caller.user(bob.id()), response, null, ClientAddress.unknown()))).isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("code", "invalid_passkey");
        core.registerPasskey().register(new RegisterPasskeyUseCase.Command(Caller.user(ann.id()), response, null, ClientAddress.unknown()));
        assertThatThrownBy(() -> core.registerPasskey().register(new RegisterPasskeyUseCase.Command(
                Caller.user(ann.id()), response, null, ClientAddress.unknown()))).isInstanceOf(InvalidInputException.class);
        assertThat(core.managePasskeys().list(Caller.user(ann.id()))).hasSize(1);
        assertThat(core.managePasskeys().list(Caller.user(bob.id()))).isEmpty();
    }

    @Test
    void anExpiredChallengeRegistersNothing() {
        User ann = aConfirmedUser("ann@example.com");
        PasskeyCreationOptions options = optionsWithPassword(ann);
        String response = new SoftwareAuthenticator(ORIGIN).register(options.challenge(), options.userHandle());
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        assertThatThrownBy(() -> core.registerPasskey().register(new RegisterPasskeyUseCase.Command(
                Caller.user(ann.id()), response, null, ClientAddress.unknown()))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aSignInChallengeIsUsedOnceSoAReplayedAssertionFails() {
        SoftwareAuthenticator authenticator = aRegisteredPasskey(aConfirmedUser("ann@example.com"));
        String assertion = authenticator.assertion(signInChallenge());

        signIn(assertion);

        assertThatThrownBy(() -> signIn(assertion)).isInstanceOf(InvalidPasskeyException.class);
    }

    @Test
    void aBoundChallengeAnswersItsOwnBindingOnlyAndAnUnboundOneNoBoundSignIn() {
        SoftwareAuthenticator authenticator = aRegisteredPasskey(aConfirmedUser("ann@example.com"));
        SignInWithPasskeyUseCase passkey = core.signInWithPasskey();
        String bound = passkey.options(new SignInWithPasskeyUseCase.OptionsCommand(null, ClientAddress.of("192.0.2.9"), "request A"))
                .challenge();

        assertThatThrownBy(() -> passkey.signInToPortal(new SignInWithPasskeyUseCase.Command(
                authenticator.assertion(bound), SessionClient.unknown(), "request B"))).isInstanceOf(InvalidPasskeyException.class);
        assertThatThrownBy(() -> signIn(authenticator.assertion(bound))).isInstanceOf(InvalidPasskeyException.class);
        assertThatThrownBy(() -> passkey.signInToPortal(new SignInWithPasskeyUseCase.Command(
                authenticator.assertion(signInChallenge()), SessionClient.unknown(), "request A")))
                .isInstanceOf(InvalidPasskeyException.class);

        assertThat(passkey.signInToPortal(new SignInWithPasskeyUseCase.Command(authenticator.assertion(bound), SessionClient.unknown(),
                "request A")).sessionSecret()).isNotBlank();
        assertThatThrownBy(() -> passkey.signInToPortal(new SignInWithPasskeyUseCase.Command(
                authenticator.assertion(bound), SessionClient.unknown(), "request A"))).isInstanceOf(InvalidPasskeyException.class);
    }

    @Test
    void aChallengeRacedOnTwoInstancesSignsInOnce() {
        SoftwareAuthenticator authenticator = aRegisteredPasskey(aConfirmedUser("ann@example.com"));
        UserServiceCore second = coreOver(passkeys, ORIGIN);
        String assertion = authenticator.assertion(signInChallenge());

        var outcomes = Race.run(Race.RACERS, i -> (i % 2 == 0 ? core : second).signInWithPasskey()
                .logIn(new SignInWithPasskeyUseCase.Command(assertion, SessionClient.unknown())));

        assertThat(outcomes).filteredOn(Race.Outcome::succeeded).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.succeeded())
                .allMatch(o -> o.failure() instanceof InvalidPasskeyException);
    }

    @Test
    void anAssertionMadeForAnotherOriginOrRelyingPartyIsRefused() {
        SoftwareAuthenticator authenticator = aRegisteredPasskey(aConfirmedUser("ann@example.com"));

        authenticator.at("https://evil.example.net", "id.example.com");
        assertThatThrownBy(() -> signIn(authenticator.assertion(signInChallenge())))
                .isInstanceOf(InvalidPasskeyException.class);
        authenticator.at(ORIGIN, "evil.example.net");
        assertThatThrownBy(() -> signIn(authenticator.assertion(signInChallenge())))
                .isInstanceOf(InvalidPasskeyException.class);
        authenticator.at(ORIGIN, "id.example.com");
        assertThat(signIn(authenticator.assertion(signInChallenge())).user().email().value())
                .isEqualTo("ann@example.com");
    }

    @Test
    void aPasskeyRegisteredAtThisOriginIsRefusedByAServiceAtAnother() {
        SoftwareAuthenticator authenticator = aRegisteredPasskey(aConfirmedUser("ann@example.com"));
        UserServiceCore elsewhere = coreOver(passkeys, "https://other.example.org");
        String challenge = elsewhere.signInWithPasskey().options(
                new SignInWithPasskeyUseCase.OptionsCommand(null, ClientAddress.unknown())).challenge();

        assertThatThrownBy(() -> elsewhere.signInWithPasskey().logIn(new SignInWithPasskeyUseCase.Command(
                authenticator.assertion(challenge), SessionClient.unknown()))).isInstanceOf(InvalidPasskeyException.class);
    }

    @Test
    void aCounterThatGoesBackIsRefusedAndAuditedAsACloneAndTheStoredCounterStays() {
        User ann = aConfirmedUser("ann@example.com");
        SoftwareAuthenticator authenticator = aRegisteredPasskey(ann);
        signIn(authenticator.assertion(signInChallenge()));
        long stored = core.managePasskeys().list(Caller.user(ann.id())).get(0).signCount();

        assertThatThrownBy(() -> signIn(authenticator.assertionAtCounter(signInChallenge(), stored)))
                .isInstanceOf(InvalidPasskeyException.class);
        assertThatThrownBy(() -> signIn(authenticator.assertionAtCounter(signInChallenge(), stored - 1)))
                .isInstanceOf(InvalidPasskeyException.class);

        assertThat(core.managePasskeys().list(Caller.user(ann.id())).get(0).signCount()).isEqualTo(stored);
        assertThat(state.auditLog().about(ann.id(), 100)).anyMatch(e -> e.event().action().equals(AuditAction.PASSKEY_CLONED.storedForm()));
        assertThat(signIn(authenticator.assertionAtCounter(signInChallenge(), stored + 5)).user().id())
                .isEqualTo(ann.id());
    }

    @Test
    void anAssertionWithoutUserVerificationIsRefused() {
        SoftwareAuthenticator authenticator = aRegisteredPasskey(aConfirmedUser("ann@example.com"));

        authenticator.userVerified(false);

        assertThatThrownBy(() -> signIn(authenticator.assertion(signInChallenge())))
                .isInstanceOf(InvalidPasskeyException.class);
    }

    @Test
    void aDeactivatedUserCannotSignInWithAPasskeyAndAnUnconfirmedOneIsToldSo() {
        User ann = aConfirmedUser("ann@example.com");
        SoftwareAuthenticator authenticator = aRegisteredPasskey(ann);
        User admin = aConfirmedUser("admin@example.com");
        state.accounts().grant(admin.id(), Role.ADMIN);
        core.deactivateUser().setActive(new DeactivateUserUseCase.Command(Caller.user(admin.id()), ann.id(), false,
                ClientAddress.unknown()));

        assertThatThrownBy(() -> signIn(authenticator.assertion(signInChallenge())))
                .isInstanceOf(InvalidPasskeyException.class);
    }

    @Test
    void anotherUsersPasskeyIdIsNotFoundForRenameOrDelete() {
        User ann = aConfirmedUser("ann@example.com");
        User bob = aConfirmedUser("bob@example.com");
        aRegisteredPasskey(ann);
        String annsKey = core.managePasskeys().list(Caller.user(ann.id())).get(0).id();

        assertThatThrownBy(() -> core.managePasskeys().rename(Caller.user(bob.id()), annsKey, "Mine", ClientAddress.unknown()))
                .isInstanceOf(NotFoundException.class).hasFieldOrPropertyWithValue("code", "passkey_not_found");
        assertThatThrownBy(() -> core.managePasskeys().delete(Caller.user(bob.id()), annsKey, ClientAddress.unknown()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> core.managePasskeys().rename(Caller.user(ann.id()), annsKey, " ", ClientAddress.unknown()))
                .isInstanceOf(InvalidInputException.class);

        assertThat(core.managePasskeys().rename(Caller.user(ann.id()), annsKey, "Phone", ClientAddress.unknown()).name())
                .isEqualTo("Phone");
        core.managePasskeys().delete(Caller.user(ann.id()), annsKey, ClientAddress.unknown());
        assertThat(core.managePasskeys().list(Caller.user(ann.id()))).isEmpty();
    }

    @Test
    void aDeletedPasskeySignsInNoMore() {
        User ann = aConfirmedUser("ann@example.com");
        SoftwareAuthenticator authenticator = aRegisteredPasskey(ann);
        core.managePasskeys().delete(Caller.user(ann.id()),
                core.managePasskeys().list(Caller.user(ann.id())).get(0).id(), ClientAddress.unknown());

        assertThatThrownBy(() -> signIn(authenticator.assertion(signInChallenge())))
                .isInstanceOf(InvalidPasskeyException.class);
    }

    @Test
    void theExportListsPasskeysAndDeletingTheAccountErasesThem() {
        User ann = aConfirmedUser("ann@example.com");
        SoftwareAuthenticator authenticator = aRegisteredPasskey(ann);

        assertThat(core.exportAccount().export(ann.id()).passkeys()).extracting(Passkey::name).containsExactly("Laptop");
        core.deleteAccount().delete(new DeleteAccountUseCase.Command(Caller.user(ann.id()), ann.id(), PASSWORD, ClientAddress.unknown()));

        assertThat(passkeys.passkeys().listOf(ann.id())).isEmpty();
        assertThat(passkeys.passkeys().findByCredentialId(java.util.Base64.getUrlDecoder()
                .decode(authenticator.credentialIdText()))).isEmpty();
    }

    @Test
    void failedPasskeySignInsAreThrottledPerAddress() {
        aRegisteredPasskey(aConfirmedUser("ann@example.com"));
        SoftwareAuthenticator stranger = new SoftwareAuthenticator(ORIGIN);
        stranger.register("AAAA", "AAAA");

        assertThatThrownBy(() -> {
            for (int i = 0; i <= 100; i++) {
                String challenge = signInChallenge();
                try {
                    core.signInWithPasskey().logIn(new SignInWithPasskeyUseCase.Command(stranger.assertion(challenge),
                            new io.userservice.core.domain.SessionClient("192.0.2.9", null)));
                } catch (InvalidPasskeyException expected) {
                    // an unknown credential: counted against the address
                }
            }
        }).isInstanceOf(TooManyRequestsException.class);
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
