package io.userservice.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.userservice.core.CoreFixture;
import io.userservice.core.MutableClock;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.OutboxMail;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.UndeliverableMailException;
import io.userservice.core.port.out.UserNotifier;
import io.userservice.core.service.UserServiceCore;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.settings.OutboxSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MailDispatcherTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    private final MutableClock clock = MutableClock.atSomeMoment();
    private final ServiceState stores = InMemoryServiceState.create();

    /** Fails while {@code down} is set, remembering every mail it was given. */
    private static final class FlakyNotifier implements UserNotifier {
        volatile boolean down = true;
        final List<OutboxMail> attempts = new ArrayList<>();
        final RecordingUserNotifier delivered = new RecordingUserNotifier();

        @Override
        public synchronized void deliver(OutboxMail mail) {
            attempts.add(mail);
            if (down) {
                throw new IllegalStateException("Could not connect to SMTP host: mail.example.com, port: 587\n"
                        + "while sending " + mail.code());
            }
            delivered.deliver(mail);
        }
    }

    private UserServiceCore core(UserNotifier notifier, OutboxSettings outbox) {
        return UserServiceCore.builder(CoreSettings.defaults(), io.userservice.core.memory.InMemoryUserDirectory::new, stores, notifier).clock(clock).bcryptCost(4)
                .outbox(outbox).build();
    }

    private static void register(UserServiceCore core, String email) {
        core.register().register(RegisterUserUseCase.Command.of(email, CoreFixture.PASSWORD, "Ann", null, "de", ClientAddress.unknown()));
    }

    private OutboxMail mail(long id) {
        return stores.mailOutbox().find(id).orElseThrow();
    }

    @Test
    void aFailedMailIsRetriedWithDoublingDelaysUntilTheServerIsBackAndKeepsItsIdentity() {
        FlakyNotifier notifier = new FlakyNotifier();
        UserServiceCore core = core(notifier, OutboxSettings.defaults());
        register(core, "ann@example.com");

        assertThat(core.mailDispatcher().deliverDue()).isEqualTo(1);
        OutboxMail afterFirst = mail(1);
        assertThat(afterFirst.attempts()).isEqualTo(1);
        assertThat(afterFirst.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(2));
        assertThat(afterFirst.lastError()).startsWith("IllegalStateException: Could not connect to SMTP host")
                .doesNotContain(afterFirst.code()).doesNotContain("\n").contains("[code]");

        assertThat(core.mailDispatcher().deliverDue()).as("not due before its next attempt").isZero();
        clock.advance(Duration.ofSeconds(2));
        core.mailDispatcher().deliverDue();
        assertThat(mail(1).nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(4));

        notifier.down = false;
        clock.advance(Duration.ofSeconds(4));
        core.mailDispatcher().deliverDue();

        OutboxMail sent = mail(1);
        assertThat(sent.sentAt()).isEqualTo(clock.instant());
        assertThat(sent.code()).as("the outbox forgets a sent code").isNull();
        assertThat(notifier.attempts).hasSize(3).extracting(OutboxMail::messageKey).containsOnly(sent.messageKey());
        assertThat(notifier.delivered.sent()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(MailKind.EMAIL_CONFIRMATION);
            assertThat(n.mail().language()).isEqualTo("de");
            assertThat(n.mail().firstname()).isEqualTo("Ann");
        });
    }

    @Test
    void theDelayDoublesFromTheFirstAndStaysAtTheCap() {
        OutboxSettings settings = OutboxSettings.defaults();

        assertThat(List.of(1, 2, 3, 4, 5, 6, 50).stream().map(settings::retryDelay).map(Duration::toSeconds))
                .containsExactly(2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void afterTheLastAttemptTheMailIsGivenUpWithTheReasonAndWithoutItsCode() {
        FlakyNotifier notifier = new FlakyNotifier();
        UserServiceCore core = core(notifier, OutboxSettings.defaults().withMaxAttempts(3));
        register(core, "ann@example.com");

        for (int i = 0; i < 5; i++) {
            core.mailDispatcher().deliverDue();
            clock.advance(Duration.ofSeconds(30));
        }

        OutboxMail given = mail(1);
        assertThat(notifier.attempts).hasSize(3);
        assertThat(given.gaveUpAt()).isNotNull();
        assertThat(given.code()).isNull();
        assertThat(given.lastError()).contains("Could not connect to SMTP host");
        assertThat(given.sentAt()).isNull();
    }

    @Test
    void aMailTheServerRefusesForGoodIsGivenUpAtOnce() {
        List<OutboxMail> attempts = new ArrayList<>();
        UserNotifier refusing = mail -> {
            attempts.add(mail);
            throw new UndeliverableMailException("550 5.1.1 no such mailbox", null);
        };
        UserServiceCore core = core(refusing, OutboxSettings.defaults());
        register(core, "nobody@example.com");

        core.mailDispatcher().deliverDue();
        clock.advance(Duration.ofMinutes(5));
        core.mailDispatcher().deliverDue();

        assertThat(attempts).hasSize(1);
        assertThat(mail(1).gaveUpAt()).isNotNull();
        assertThat(mail(1).lastError()).isEqualTo("UndeliverableMailException: 550 5.1.1 no such mailbox");
        assertThat(mail(1).code()).isNull();
    }

    @Test
    void finishedMailsAreDeletedAfterTheRetention() {
        RecordingUserNotifier notifier = new RecordingUserNotifier();
        UserServiceCore core = core(notifier, OutboxSettings.defaults());
        register(core, "ann@example.com");
        core.mailDispatcher().deliverDue();

        clock.advance(Duration.ofDays(7).plusHours(1));
        register(core, "bob@example.com");
        core.mailDispatcher().deliverDue();

        assertThat(stores.mailOutbox().find(1)).isEmpty();
        assertThat(mail(2).sentAt()).isNotNull();
    }

    @Test
    void overTheRecipientLimitNoMailIsQueuedAndTheCallerAnswersAsUsual() {
        RecordingUserNotifier notifier = new RecordingUserNotifier();
        UserServiceCore core = core(notifier, OutboxSettings.defaults().withRecipientLimit(2));
        register(core, "ann@example.com");

        for (int i = 0; i < 3; i++) {
            core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command("ann@example.com", ClientAddress.unknown()));
        }
        core.mailDispatcher().deliverDue();

        assertThat(notifier.sent()).extracting(RecordingUserNotifier.Notification::kind)
                .containsExactly(MailKind.EMAIL_CONFIRMATION, MailKind.PASSWORD_RESET);
        clock.advance(Duration.ofHours(1));
        core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command("ann@example.com", ClientAddress.unknown()));
        core.mailDispatcher().deliverDue();
        assertThat(notifier.sent()).as("the next hour allows mail again").hasSize(3);
    }

    @Test
    void registrationAndResetAnswerWhileTheDeliveryHangs() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        UserNotifier hanging = mail -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        UserServiceCore core = core(hanging, OutboxSettings.defaults().withPollInterval(Duration.ofMillis(10)));
        core.mailDispatcher().start();
        try {
            register(core, "first@example.com");
            assertThat(entered.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).as("the dispatcher is delivering")
                    .isTrue();

            assertTimeoutPreemptively(HANG_GUARD, () -> {
                register(core, "second@example.com");
                core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command("first@example.com", ClientAddress.unknown()));
            });

            assertThat(mail(2).pending()).isTrue();
            assertThat(mail(3).pending()).isTrue();
        } finally {
            release.countDown();
            core.mailDispatcher().close();
        }
    }

    @Test
    void aStartedDispatcherDeliversInTheBackgroundAndStopsOnClose() throws InterruptedException {
        CountDownLatch delivered = new CountDownLatch(2);
        RecordingUserNotifier recorded = new RecordingUserNotifier();
        UserNotifier notifier = mail -> {
            recorded.deliver(mail);
            delivered.countDown();
        };
        UserServiceCore core = core(notifier, OutboxSettings.defaults().withPollInterval(Duration.ofMillis(10)));
        core.mailDispatcher().start();
        register(core, "a@example.com");
        register(core, "b@example.com");

        assertThat(delivered.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();
        core.mailDispatcher().close();
        register(core, "c@example.com");
        core.mailDispatcher().close();

        assertThat(recorded.sent()).extracting(RecordingUserNotifier.Notification::email)
                .containsExactlyInAnyOrder("a@example.com", "b@example.com");
        assertThat(mail(3).pending()).as("nothing runs after close").isTrue();
    }

    @Test
    void claimsCoverTheDeliveryTimeoutWithAMarginAndNeverExceedAMinute() {
        OutboxSettings defaults = OutboxSettings.defaults();

        assertThat(defaults.claimDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.withClaimCovering(Duration.ofSeconds(20)).claimDuration()).isEqualTo(Duration.ofSeconds(25));
        assertThat(defaults.withClaimCovering(Duration.ofMinutes(3)).claimDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> defaults.withClaimDuration(Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("claimDuration");
    }

    @Test
    void aLongDeliveryRenewsItsClaimSoNoOtherDispatcherTakesTheMailOver() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<OutboxMail> delivered = new ArrayList<>();
        UserNotifier hanging = mail -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delivered.add(mail);
        };
        Duration claim = Duration.ofMillis(300);
        OutboxSettings settings = OutboxSettings.defaults().withClaimDuration(claim);
        UserServiceCore core = core(hanging, settings);
        register(core, "ann@example.com");
        Thread delivering = new Thread(core.mailDispatcher()::deliverDue);
        delivering.start();
        try {
            assertThat(entered.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(mail(1).nextAttemptAt()).isEqualTo(clock.instant().plus(claim));

            clock.advance(Duration.ofMinutes(10));

            awaitNextAttemptAt(clock.instant().plus(claim));
            UserNotifier never = mail -> {
                throw new AssertionError("the mail is still claimed");
            };
            assertThat(core(never, settings).mailDispatcher().deliverDue()).as("another dispatcher").isZero();
        } finally {
            release.countDown();
            delivering.join(HANG_GUARD.toMillis());
            core.mailDispatcher().close();
        }
        assertThat(delivered).hasSize(1);
        assertThat(mail(1).sentAt()).isEqualTo(clock.instant());
        assertThat(mail(1).attempts()).isEqualTo(1);
    }

    private void awaitNextAttemptAt(Instant expected) throws InterruptedException {
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (!mail(1).nextAttemptAt().equals(expected)) {
            assertThat(System.nanoTime()).as("renewed to " + expected + ", still " + mail(1).nextAttemptAt())
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /**
     * Delivers after another dispatcher took the mail over, as when the mail server hung past the
     * claim and the renewals could not reach the outbox; then succeeds or fails as told.
     */
    private final class OvertakenNotifier implements UserNotifier {
        final boolean fails;
        List<OutboxMail> takenOver = List.of();

        OvertakenNotifier(boolean fails) {
            this.fails = fails;
        }

        @Override
        public void deliver(OutboxMail mail) {
            clock.advance(OutboxSettings.defaults().claimDuration().plusSeconds(1));
            takenOver = stores.mailOutbox().claimDue(clock.instant(), clock.instant().plusSeconds(60), 10);
            if (fails) {
                throw new IllegalStateException("Read timed out");
            }
        }
    }

    @Test
    void aDispatcherWhoseClaimWasTakenOverDoesNotMarkTheMailSent() {
        OvertakenNotifier notifier = new OvertakenNotifier(false);
        UserServiceCore core = core(notifier, OutboxSettings.defaults());
        register(core, "ann@example.com");

        core.mailDispatcher().deliverDue();

        assertThat(notifier.takenOver).extracting(OutboxMail::attempts).containsExactly(2);
        OutboxMail mail = mail(1);
        assertThat(mail.pending()).as("left to the dispatcher that took it over").isTrue();
        assertThat(mail.code()).isNotNull();
        assertThat(mail.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(60));
    }

    @Test
    void aDispatcherWhoseClaimWasTakenOverDoesNotPostponeTheMail() {
        OvertakenNotifier notifier = new OvertakenNotifier(true);
        UserServiceCore core = core(notifier, OutboxSettings.defaults());
        register(core, "ann@example.com");

        core.mailDispatcher().deliverDue();

        OutboxMail mail = mail(1);
        assertThat(mail.nextAttemptAt()).as("the new claim is not cut short").isEqualTo(clock.instant().plusSeconds(60));
        assertThat(mail.lastError()).isNull();
        assertThat(mail.attempts()).isEqualTo(2);
    }
}
