package io.userservice.core.contract;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.port.in.UserExistsUseCase;
import io.userservice.core.port.in.RedeemPortalTokenUseCase;
import io.userservice.core.port.in.PortalLogin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.domain.Email;
import io.userservice.core.domain.EmailAlreadyTakenException;
import io.userservice.core.domain.InvalidCodeException;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.InvalidRefreshTokenException;
import io.userservice.core.domain.User;
import io.userservice.core.domain.MailKind;
import io.userservice.core.port.in.CompletePasswordResetUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RefreshTokensUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import io.userservice.core.port.out.DirectoryFactory;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.contract.Race.Outcome;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.settings.OutboxSettings;
import io.userservice.core.service.UserServiceCore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The core's use cases racing on one database: what one request does alone, many identical
 * requests at the same moment do exactly once. Each test starts on empty stores whose pool has a
 * connection for every racing request, so the races happen in the database.
 */
public abstract class UseCaseRacesContract {

    /** The directory and the state under test, over one database (or one memory). */
    public record Stores(DirectoryFactory directory, ServiceState state) {
    }


    private static final int REGISTRATIONS = 50;
    /** The connections each test needs, so the races happen in the database. */
    public static final int POOL_SIZE = REGISTRATIONS + 5;
    private static final int RESET_ROUNDS = 15;
    private static final int RESET_RACERS = 3;

    /**
     * An empty directory and state whose pool (if they have one) holds at least {@code maxPoolSize}
     * connections; called by each test.
     */
    protected abstract Stores newStores(int maxPoolSize);

    private CoreOnStores coreOnANewDatabase(CoreSettings settings) {
        Stores stores = newStores(POOL_SIZE);
        return new CoreOnStores(settings, stores.directory(), stores.state());
    }

    @Test
    void parallelRegistrationsOfOneEmailMakeOneUser() {
        CoreOnStores fixture = coreOnANewDatabase(CoreSettings.defaults());

        List<Outcome<User>> outcomes = Race.run(REGISTRATIONS, i -> fixture.core.register().register(
                RegisterUserUseCase.Command.of(" Race@Example.com", CoreOnStores.PASSWORD, "Racer " + i, null, null,
                        ClientAddress.unknown())));

        List<User> registered = Race.winners(outcomes);
        assertThat(registered).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.succeeded())
                .allSatisfy(o -> assertThat(o.failure()).isInstanceOf(EmailAlreadyTakenException.class))
                .hasSize(REGISTRATIONS - 1);
        assertThat(fixture.core.userExists().exists(new UserExistsUseCase.Command("race@example.com",
                ClientAddress.unknown()))).isTrue();
        assertThat(fixture.core.getUser().get(registered.get(0).id()).email().value()).isEqualTo("race@example.com");
    }

    @Test
    void parallelRefreshesInsideTheGraceWindowAllGetTheSameSuccessor() {
        CoreOnStores fixture = coreOnANewDatabase(CoreSettings.defaults());
        String token = fixture.aSignedInUser("tabs@example.com").tokens().refreshToken();

        List<Outcome<String>> outcomes = Race.run(Race.RACERS, i -> refresh(fixture, token));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
        List<String> successors = Race.winners(outcomes);
        assertThat(successors).hasSize(Race.RACERS).containsOnly(successors.get(0));
        assertThat(refresh(fixture, successors.get(0))).isNotIn(token, successors.get(0));
    }

    @Test
    void parallelRefreshesWithoutAGraceWindowLetOneWinThenRevokeTheFamily() {
        CoreOnStores fixture = coreOnANewDatabase(CoreSettings.defaults().withRefreshReuseGrace(Duration.ZERO));
        String token = fixture.aSignedInUser("strict@example.com").tokens().refreshToken();

        List<Outcome<String>> outcomes = Race.run(Race.RACERS, i -> refresh(fixture, token));

        List<String> successors = Race.winners(outcomes);
        assertThat(successors).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.succeeded())
                .allSatisfy(o -> assertThat(o.failure()).isInstanceOf(InvalidRefreshTokenException.class));
        assertThatThrownBy(() -> refresh(fixture, successors.get(0))).isInstanceOf(InvalidRefreshTokenException.class);
    }

    @Test
    void parallelRedemptionsOfOnePortalTokenStartOneSession() {
        CoreOnStores fixture = coreOnANewDatabase(CoreSettings.defaults());
        fixture.aConfirmedUser("portal@example.com");
        String token = fixture.core.issuePortalToken().issue(new io.userservice.core.port.in.IssuePortalTokenUseCase
                .Command("portal@example.com", CoreOnStores.PASSWORD, 30, ClientAddress.unknown())).token();

        List<Outcome<io.userservice.core.port.in.PortalLogin>> outcomes = Race.run(Race.RACERS,
                i -> fixture.core.redeemPortalToken().redeem(new RedeemPortalTokenUseCase.Command(token,
                        ClientAddress.unknown())));

        assertThat(Race.winners(outcomes)).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.succeeded()).allSatisfy(o -> assertThat(o.failure())
                .isInstanceOf(io.userservice.core.domain.InvalidTokenException.class));
    }

    @Test
    void parallelRedemptionsOfOneResetCodeChangeThePasswordOnce() {
        CoreOnStores fixture = coreOnANewDatabase(CoreSettings.defaults());
        fixture.aConfirmedUser("forgot@example.com");
        fixture.core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command("forgot@example.com",
                ClientAddress.unknown()));
        String code = fixture.lastCode(MailKind.PASSWORD_RESET, "forgot@example.com").orElseThrow();

        List<Outcome<String>> outcomes = Race.run(Race.RACERS, i -> {
            String password = "new password " + i;
            fixture.core.completePasswordReset().complete(new CompletePasswordResetUseCase.Command(code, password,
                    ClientAddress.unknown()));
            return password;
        });

        List<String> changed = Race.winners(outcomes);
        assertThat(changed).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.succeeded())
                .allSatisfy(o -> assertThat(o.failure()).isInstanceOf(InvalidCodeException.class))
                .hasSize(Race.RACERS - 1);
        assertThat(logIn(fixture, "forgot@example.com", changed.get(0)).user().email().value())
                .isEqualTo("forgot@example.com");
        assertThatThrownBy(() -> logIn(fixture, "forgot@example.com", CoreOnStores.PASSWORD))
                .isInstanceOf(InvalidCredentialsException.class);
    }

    /**
     * A thief signing in with the old password while the owner completes a reset: whatever the
     * thief obtained, before or during the reset, stops working once the reset is done. Sign-in
     * reads the user before its bcrypt check and stamps its tokens after it, so a reset that
     * lands in between must still win. The clock is the real one, as in production.
     */
    @Test
    void signInsAndRefreshesRacingAPasswordResetLeaveNothingWorkingAfterIt() {
        Stores stores = newStores(POOL_SIZE);
        RecordingUserNotifier notifier = new RecordingUserNotifier();
        UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults().withRefreshReuseGrace(Duration.ZERO),
                        stores.directory(), stores.state(), notifier).bcryptCost(6).build();
        for (int round = 0; round < RESET_ROUNDS; round++) {
            String email = "thief" + round + "@example.com";
            core.register().register(RegisterUserUseCase.Command.of(email, CoreOnStores.PASSWORD, null, null, null,
                    ClientAddress.unknown()));
            core.mailDispatcher().deliverDue();
            core.confirmEmail().confirm(new io.userservice.core.port.in.ConfirmEmailUseCase.Command(
                    notifier.lastCode(MailKind.EMAIL_CONFIRMATION, email).orElseThrow(), ClientAddress.unknown()));
            String refreshed = core.logIn().logIn(new LogInUseCase.Command(email, CoreOnStores.PASSWORD,
                    ClientAddress.unknown())).tokens()
                    .refreshToken();
            core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command(email,
                    ClientAddress.unknown()));
            core.mailDispatcher().deliverDue();
            String code = notifier.lastCode(MailKind.PASSWORD_RESET, email).orElseThrow();
            java.util.concurrent.atomic.AtomicBoolean reset = new java.util.concurrent.atomic.AtomicBoolean();
            List<String> accessTokens = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<String> refreshTokens = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.concurrent.atomic.AtomicReference<String> chain =
                    new java.util.concurrent.atomic.AtomicReference<>(refreshed);

            Race.run(RESET_RACERS + 2, i -> {
                if (i == RESET_RACERS) {
                    sleep(ThreadLocalRandom.current().nextInt(5, 25));
                    core.completePasswordReset().complete(new CompletePasswordResetUseCase.Command(code,
                            "an entirely new password", ClientAddress.unknown()));
                    reset.set(true);
                    return 0;
                }
                int afterReset = 0;
                for (int attempt = 0; attempt < 500 && afterReset < 3; attempt++) {
                    boolean wasReset = reset.get();
                    try {
                        if (i == RESET_RACERS + 1) {
                            var pair = core.refreshTokens().refresh(new RefreshTokensUseCase.Command(chain.get(),
                                    ClientAddress.unknown()));
                            chain.set(pair.refreshToken());
                            accessTokens.add(pair.accessToken());
                            refreshTokens.add(pair.refreshToken());
                        } else {
                            var pair = core.logIn().logIn(new LogInUseCase.Command(email, CoreOnStores.PASSWORD,
                                    ClientAddress.unknown()))
                                    .tokens();
                            accessTokens.add(pair.accessToken());
                            refreshTokens.add(pair.refreshToken());
                        }
                    } catch (RuntimeException refused) {
                        // refused once the reset is done: what matters is what was handed out
                    }
                    if (wasReset) {
                        afterReset++;
                    }
                }
                return 0;
            });

            for (String accessToken : accessTokens) {
                assertThatThrownBy(() -> core.authenticate().authenticate(accessToken))
                        .as("round %d: an access token of %d still works after the reset", round, accessTokens.size())
                        .isInstanceOf(io.userservice.core.domain.InvalidTokenException.class);
            }
            for (String refreshToken : refreshTokens) {
                assertThatThrownBy(() -> core.refreshTokens().refresh(new RefreshTokensUseCase.Command(refreshToken,
                        ClientAddress.unknown())))
                        .as("round %d: a refresh token of %d still works after the reset", round, refreshTokens.size())
                        .isInstanceOf(InvalidRefreshTokenException.class);
            }
        }
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String refresh(CoreOnStores fixture, String token) {
        return fixture.core.refreshTokens().refresh(new RefreshTokensUseCase.Command(token,
                ClientAddress.unknown())).refreshToken();
    }

    private static LogInUseCase.Result logIn(CoreOnStores fixture, String email, String password) {
        return fixture.core.logIn().logIn(new LogInUseCase.Command(email, password, ClientAddress.unknown()));
    }

    @Test
    void dispatchersOfSeveralInstancesSendEachMailOnce() throws InterruptedException {
        Stores stores = newStores(POOL_SIZE);
        int mails = 40;
        RecordingUserNotifier first = new RecordingUserNotifier();
        RecordingUserNotifier second = new RecordingUserNotifier();
        OutboxSettings outbox = OutboxSettings.defaults().withPollInterval(Duration.ofMillis(5));
        UserServiceCore one = UserServiceCore.builder(CoreSettings.defaults(), stores.directory(), stores.state(), first).bcryptCost(4)
                .outbox(outbox).build();
        UserServiceCore other = UserServiceCore.builder(CoreSettings.defaults(), stores.directory(), stores.state(), second).bcryptCost(4)
                .outbox(outbox).build();
        for (int i = 0; i < mails; i++) {
            (i % 2 == 0 ? one : other).register().register(RegisterUserUseCase.Command.of(
                    "mail" + i + "@example.com", CoreOnStores.PASSWORD, null, null, null, ClientAddress.unknown()));
        }

        List<Outcome<Integer>> passes = Race.run(4, i -> (i % 2 == 0 ? one : other).mailDispatcher().deliverDue());
        one.mailDispatcher().start();
        other.mailDispatcher().start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (first.sent().size() + second.sent().size() < mails && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            one.mailDispatcher().close();
            other.mailDispatcher().close();
        }

        assertThat(passes).allSatisfy(pass -> assertThat(pass.failure()).isNull());
        List<Long> sent = new java.util.ArrayList<>();
        first.sent().forEach(n -> sent.add(n.mail().id()));
        second.sent().forEach(n -> sent.add(n.mail().id()));
        assertThat(sent).hasSize(mails).doesNotHaveDuplicates();
        assertThat(sent).allSatisfy(id -> assertThat(stores.state().mailOutbox().find(id).orElseThrow().code()).isNull());
    }
}
