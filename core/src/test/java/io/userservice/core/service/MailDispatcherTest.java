package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.userservice.core.CoreFixture;
import io.userservice.core.MutableClock;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.OutboxMail;
import io.userservice.core.memory.InMemoryStores;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import io.userservice.core.port.out.CoreStores;
import io.userservice.core.port.out.UndeliverableMailException;
import io.userservice.core.port.out.UserNotifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MailDispatcherTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    private final MutableClock clock = MutableClock.atSomeMoment();
    private final CoreStores stores = InMemoryStores.create();

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
        return UserServiceCore.builder(CoreSettings.defaults(), stores, notifier).clock(clock).bcryptCost(4)
                .outbox(outbox).build();
    }

    private static void register(UserServiceCore core, String email) {
        core.register().register(RegisterUserUseCase.Command.of(email, CoreFixture.PASSWORD, "Ann", null, "de"));
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
            core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command("ann@example.com"));
        }
        core.mailDispatcher().deliverDue();

        assertThat(notifier.sent()).extracting(RecordingUserNotifier.Notification::kind)
                .containsExactly(MailKind.EMAIL_CONFIRMATION, MailKind.PASSWORD_RESET);
        clock.advance(Duration.ofHours(1));
        core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command("ann@example.com"));
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
                core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command("first@example.com"));
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
}
