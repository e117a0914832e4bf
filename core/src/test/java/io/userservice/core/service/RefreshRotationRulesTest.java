package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.MutableClock;
import io.userservice.core.crypto.BcryptPasswordHasher;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidRefreshTokenException;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.TokenPair;
import io.userservice.core.domain.User;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.ConfirmEmailUseCase;
import io.userservice.core.port.in.DeactivateUserUseCase;
import io.userservice.core.port.in.ListAuditEventsUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RefreshTokensUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.UserDirectory;
import io.userservice.core.settings.CoreSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import io.userservice.core.domain.OidcGrant;
import io.userservice.core.domain.Session;
import io.userservice.core.memory.InMemoryOidcState;
import io.userservice.core.port.out.OidcGrantPort;
import io.userservice.core.port.out.OidcState;
import org.junit.jupiter.api.Test;

/** The exact edges of refresh rotation: expiry, the session's end, the grace window, and what is counted. */
class RefreshRotationRulesTest {

    private static final Duration SESSION = Duration.ofHours(1);

    private final CoreFixture fixture = new CoreFixture(CoreSettings.defaults().withSessionMaxLifetime(SESSION));

    private static TokenPair refresh(CoreFixture on, String token) {
        return on.core.refreshTokens().refresh(new RefreshTokensUseCase.Command(token, ClientAddress.of("192.0.2.5")));
    }

    @Test
    void aTokenWorksUntilJustBeforeItExpiresAndNotAtThatMoment() {
        CoreFixture longSessions = new CoreFixture(CoreSettings.defaults().withSessionMaxLifetime(Duration.ofDays(60)));
        String early = longSessions.aSignedInUser("jane@example.com").tokens().refreshToken();
        String late = longSessions.core.logIn().logIn(new LogInUseCase.Command("jane@example.com",
                CoreFixture.PASSWORD, ClientAddress.unknown())).tokens().refreshToken();

        longSessions.clock.advance(Duration.ofDays(30).minusMillis(1));
        assertThat(refresh(longSessions, early).refreshToken()).isNotBlank();

        longSessions.clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> refresh(longSessions, late)).isInstanceOf(InvalidRefreshTokenException.class);
    }

    @Test
    void aShorterSessionLifetimeEndsSessionsStartedUnderALongerOne() {
        MutableClock clock = MutableClock.atSomeMoment();
        ServiceState state = InMemoryServiceState.create();
        UserDirectory directory = new InMemoryUserDirectory(new BcryptPasswordHasher(4));
        RecordingUserNotifier notifier = new RecordingUserNotifier();
        UserServiceCore before = UserServiceCore.builder(CoreSettings.defaults().withRequireConfirmation(false),
                directory, state, notifier).clock(clock).bcryptCost(4).build();
        UserServiceCore after = UserServiceCore.builder(CoreSettings.defaults().withRequireConfirmation(false)
                .withSessionMaxLifetime(SESSION), directory, state, notifier).clock(clock).bcryptCost(4).build();
        before.register().register(RegisterUserUseCase.Command.of("jane@example.com", CoreFixture.PASSWORD, null,
                null, null, ClientAddress.unknown()));
        String first = before.logIn().logIn(new LogInUseCase.Command("jane@example.com", CoreFixture.PASSWORD, ClientAddress.unknown()))
                .tokens().refreshToken();
        String second = before.logIn().logIn(new LogInUseCase.Command("jane@example.com", CoreFixture.PASSWORD, ClientAddress.unknown()))
                .tokens().refreshToken();

        clock.advance(SESSION.minusMillis(1));
        assertThat(after.refreshTokens().refresh(new RefreshTokensUseCase.Command(first, ClientAddress.unknown())).refreshToken()).isNotBlank();
        clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> after.refreshTokens().refresh(new RefreshTokensUseCase.Command(second, ClientAddress.unknown())))
                .isInstanceOf(InvalidRefreshTokenException.class);
        assertThat(before.refreshTokens().refresh(new RefreshTokensUseCase.Command(second, ClientAddress.unknown())).refreshToken())
                .isNotBlank();
    }

    @Test
    void theSessionEndsAtItsMaximumLifetimeWhateverTheRotations() {
        String token = fixture.aSignedInUser("jane@example.com").tokens().refreshToken();
        fixture.clock.advance(Duration.ofMinutes(30));
        String second = refresh(fixture, token).refreshToken();
        fixture.clock.advance(Duration.ofMinutes(30).minusMillis(1));
        String third = refresh(fixture, second).refreshToken();

        fixture.clock.advance(Duration.ofMillis(1));

        assertThatThrownBy(() -> refresh(fixture, third)).isInstanceOf(InvalidRefreshTokenException.class);
    }

    @Test
    void aSecondUseAtTheEndOfTheGraceWindowStillGetsTheSameSuccessor() {
        String first = fixture.aSignedInUser("jane@example.com").tokens().refreshToken();
        String successor = refresh(fixture, first).refreshToken();

        fixture.clock.advance(Duration.ofSeconds(10));

        assertThat(refresh(fixture, first).refreshToken()).isEqualTo(successor);
        assertThat(refresh(fixture, successor).refreshToken()).isNotEqualTo(successor);
    }

    @Test
    void aSecondUseJustAfterTheGraceWindowRevokesTheFamilyAndIsAudited() {
        User jane = fixture.aConfirmedUser("jane@example.com");
        String first = fixture.core.logIn().logIn(new LogInUseCase.Command("jane@example.com", CoreFixture.PASSWORD, ClientAddress.unknown()))
                .tokens().refreshToken();
        String successor = refresh(fixture, first).refreshToken();

        fixture.clock.advance(Duration.ofSeconds(10).plusMillis(1));

        assertThatThrownBy(() -> refresh(fixture, first)).isInstanceOf(InvalidRefreshTokenException.class);
        assertThatThrownBy(() -> refresh(fixture, successor)).isInstanceOf(InvalidRefreshTokenException.class);
        fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), jane.id(), Role.ADMIN, true,
                ClientAddress.unknown()));
        List<AuditEvent> reuse = fixture.core.auditEvents()
                .list(new ListAuditEventsUseCase.Command(Caller.user(jane.id()), null, 100)).stream()
                .map(AuditEntry::event).filter(e -> e.action().equals(AuditAction.REFRESH_REUSE.storedForm())).toList();
        assertThat(reuse).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED.storedForm());
            assertThat(e.subjectId()).isEqualTo(jane.id());
            assertThat(e.actorId()).isNull();
            assertThat(e.clientAddress()).isEqualTo("192.0.2.5");
            assertThat(e.detail()).startsWith("revoked 2 token(s) of family ");
        });
    }

    @Test
    void aDeactivatedUsersTokenIsRefused() {
        LogInUseCase.Result signedIn = fixture.aSignedInUser("jane@example.com");
        fixture.core.deactivateUser().setActive(new DeactivateUserUseCase.Command(Caller.operator(),
                signedIn.user().id(), false, ClientAddress.unknown()));
        fixture.core.deactivateUser().setActive(new DeactivateUserUseCase.Command(Caller.operator(),
                signedIn.user().id(), true, ClientAddress.unknown()));

        assertThatThrownBy(() -> refresh(fixture, signedIn.tokens().refreshToken()))
                .isInstanceOf(InvalidRefreshTokenException.class);
    }

    @Test
    void theLongestTokenConsideredIs512Characters() {
        fixture.aSignedInUser("jane@example.com");

        for (String token : new String[] {"x".repeat(512), "x".repeat(513)}) {
            assertThatThrownBy(() -> refresh(fixture, token)).isInstanceOf(InvalidRefreshTokenException.class);
        }
    }

    @Test
    void everyRefreshIsCountedByItsOutcomeAndOnlyFreshTokensAsIssued() {
        List<String> seen = new ArrayList<>();
        MutableClock clock = MutableClock.atSomeMoment();
        RecordingUserNotifier notifier = new RecordingUserNotifier();
        UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults(), InMemoryUserDirectory::new,
                InMemoryServiceState.create(), notifier).clock(clock).bcryptCost(4)
                .observer(new ServiceObserver() {
                    @Override
                    public void refresh(RefreshOutcome outcome) {
                        seen.add("refresh " + outcome);
                    }

                    @Override
                    public void tokenIssued(TokenKind kind) {
                        if (kind == TokenKind.REFRESH) {
                            seen.add("issued " + kind);
                        }
                    }
                }).build();
        core.register().register(RegisterUserUseCase.Command.of("jane@example.com", CoreFixture.PASSWORD, null, null,
                null, ClientAddress.unknown()));
        core.mailDispatcher().deliverDue();
        core.confirmEmail().confirm(new ConfirmEmailUseCase.Command(
                notifier.lastCode(MailKind.EMAIL_CONFIRMATION, "jane@example.com").orElseThrow(), ClientAddress.unknown()));
        String first = core.logIn().logIn(new LogInUseCase.Command("jane@example.com", CoreFixture.PASSWORD, ClientAddress.unknown()))
                .tokens().refreshToken();
        seen.clear();

        String second = core.refreshTokens().refresh(new RefreshTokensUseCase.Command(first, ClientAddress.unknown())).refreshToken();
        assertThat(seen).containsExactly("issued REFRESH", "refresh SUCCESS");
        seen.clear();

        assertThat(core.refreshTokens().refresh(new RefreshTokensUseCase.Command(first, ClientAddress.unknown())).refreshToken())
                .isEqualTo(second);
        assertThat(seen).containsExactly("refresh SUCCESS");
        seen.clear();

        assertThatThrownBy(() -> core.refreshTokens().refresh(new RefreshTokensUseCase.Command("unknown", ClientAddress.unknown())))
                .isInstanceOf(InvalidRefreshTokenException.class);
        assertThat(seen).containsExactly("refresh INVALID");
        seen.clear();

        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> core.refreshTokens().refresh(new RefreshTokensUseCase.Command(first, ClientAddress.unknown())))
                .isInstanceOf(InvalidRefreshTokenException.class);
        assertThat(seen).containsExactly("refresh REUSE_DETECTED");
    }

    @Test
    void aFamilyGrantedToAClientIsNotRefreshedByTheNativeApi() {
        MutableClock clock = MutableClock.atSomeMoment();
        OidcState oidc = InMemoryOidcState.create();
        UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults().withRequireConfirmation(false),
                InMemoryUserDirectory::new, InMemoryServiceState.create(), new RecordingUserNotifier()).clock(clock)
                .oidcState(oidc).bcryptCost(4).build();
        User jane = core.register().register(RegisterUserUseCase.Command.of("jane@example.com", CoreFixture.PASSWORD,
                null, null, null, ClientAddress.unknown()));
        String granted = core.logIn().logIn(new LogInUseCase.Command("jane@example.com", CoreFixture.PASSWORD,
                ClientAddress.unknown())).tokens().refreshToken();
        UUID family = core.listSessions().list(Caller.user(jane.id()), jane.id()).get(0).id();
        oidc.grants().save(new OidcGrant(family, "shop", jane.id(), "openid", "code-hash", clock.instant(), null));
        String own = core.logIn().logIn(new LogInUseCase.Command("jane@example.com", CoreFixture.PASSWORD,
                ClientAddress.unknown())).tokens().refreshToken();

        assertThatThrownBy(() -> core.refreshTokens().refresh(new RefreshTokensUseCase.Command(granted,
                ClientAddress.unknown()))).isInstanceOf(InvalidRefreshTokenException.class);
        assertThat(core.refreshTokens().refresh(new RefreshTokensUseCase.Command(own, ClientAddress.unknown()))
                .refreshToken()).isNotBlank();
    }

    /** A family is saved with its client's grant or never has one: the native API asks once per family. */
    @Test
    void aFamilyIsLookedUpAmongTheGrantsOnceAndAClientsFamilyEveryTime() {
        MutableClock clock = MutableClock.atSomeMoment();
        OidcState stored = InMemoryOidcState.create();
        List<UUID> lookedUp = new ArrayList<>();
        OidcGrantPort counted = new OidcGrantPort() {
            @Override
            public void save(OidcGrant grant) {
                stored.grants().save(grant);
            }

            @Override
            public Optional<OidcGrant> find(UUID grantId) {
                lookedUp.add(grantId);
                return stored.grants().find(grantId);
            }

            @Override
            public RevokedByCode revokeByCode(String codeHash, Instant at) {
                return stored.grants().revokeByCode(codeHash, at);
            }

            @Override
            public boolean revoke(UUID grantId, Instant at) {
                return stored.grants().revoke(grantId, at);
            }

            @Override
            public int eraseUser(long userId) {
                return stored.grants().eraseUser(userId);
            }
        };
        UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults().withRequireConfirmation(false),
                InMemoryUserDirectory::new, InMemoryServiceState.create(), new RecordingUserNotifier()).clock(clock)
                .oidcState(new OidcState(stored.clients(), stored.codes(), counted, stored.consents()))
                .bcryptCost(4).build();
        User jane = core.register().register(RegisterUserUseCase.Command.of("jane@example.com", CoreFixture.PASSWORD,
                null, null, null, ClientAddress.unknown()));
        String granted = core.logIn().logIn(new LogInUseCase.Command("jane@example.com", CoreFixture.PASSWORD,
                ClientAddress.unknown())).tokens().refreshToken();
        UUID grantedFamily = core.listSessions().list(Caller.user(jane.id()), jane.id()).get(0).id();
        stored.grants().save(new OidcGrant(grantedFamily, "shop", jane.id(), "openid", "code-hash", clock.instant(),
                null));
        String own = core.logIn().logIn(new LogInUseCase.Command("jane@example.com", CoreFixture.PASSWORD,
                ClientAddress.unknown())).tokens().refreshToken();

        for (int i = 0; i < 3; i++) {
            own = core.refreshTokens().refresh(new RefreshTokensUseCase.Command(own, ClientAddress.unknown()))
                    .refreshToken();
            String presented = granted;
            assertThatThrownBy(() -> core.refreshTokens().refresh(new RefreshTokensUseCase.Command(presented,
                    ClientAddress.unknown()))).isInstanceOf(InvalidRefreshTokenException.class);
        }

        assertThat(lookedUp.stream().filter(grantedFamily::equals)).hasSize(3);
        assertThat(lookedUp.stream().filter(id -> !id.equals(grantedFamily))).hasSize(1);
    }

    @Test
    void aRefreshIsNotedAsTheSessionsLastUseWithItsClient() {
        LogInUseCase.Result signedIn = fixture.aSignedInUser("jane@example.com");
        long id = signedIn.user().id();
        fixture.clock.advance(Duration.ofMinutes(3));

        fixture.core.refreshTokens().refresh(new RefreshTokensUseCase.Command(signedIn.tokens().refreshToken(),
                ClientAddress.of("192.0.2.9"), "Agent/1.0"));

        Session session = fixture.core.listSessions().list(Caller.user(id), id).get(0);
        assertThat(session.lastUsedAt()).isEqualTo(fixture.clock.instant());
        assertThat(session.lastClient().address()).isEqualTo("192.0.2.9");
        assertThat(session.lastClient().userAgent()).isEqualTo("Agent/1.0");
    }

    @Test
    void aRotationNeverShowsItsTokensInText() {
        LogInUseCase.Result signedIn = fixture.aSignedInUser("jane@example.com");
        User user = signedIn.user();
        RefreshRotation.Rotated rotated = new RefreshRotation.Rotated(user, null, "the-successor-secret",
                fixture.clock.instant(), true);

        assertThat(rotated.toString()).isEqualTo("Rotated[" + user + "]").doesNotContain("the-successor-secret");
    }
}
