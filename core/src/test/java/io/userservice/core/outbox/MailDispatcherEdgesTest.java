package io.userservice.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.CapturedLog;
import io.userservice.core.MutableClock;
import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.NewOutboxMail;
import io.userservice.core.domain.OutboxMail;
import io.userservice.core.domain.SingleUseCode;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.port.KeyEncryptionException;
import io.userservice.core.port.out.MailOutboxPort;
import io.userservice.core.port.out.OutboxCodeSealer;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.port.out.ServiceObserver.MailOutcome;
import io.userservice.core.port.out.UndeliverableMailException;
import io.userservice.core.port.out.UserNotifier;
import io.userservice.core.settings.OutboxSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MailDispatcherEdgesTest {

    private static final Duration GUARD = Duration.ofSeconds(10);
    private static final MailOutboxPort.SendLimit NO_LIMIT = new MailOutboxPort.SendLimit(1000, Duration.ofHours(1));
    private static final String SEALED = "sealed:";

    private final MutableClock clock = MutableClock.atSomeMoment();
    private final RecordingOutbox outbox = new RecordingOutbox(InMemoryServiceState.create().mailOutbox());
    private final List<MailOutcome> outcomes = new CopyOnWriteArrayList<>();
    private final ServiceObserver observer = new ServiceObserver() {
        @Override
        public void mailDelivered(MailOutcome outcome) {
            outcomes.add(outcome);
        }
    };
    private final List<String> opened = new CopyOnWriteArrayList<>();
    /** Opens what it sealed (the prefix {@value #SEALED}), refuses anything else. */
    private final OutboxCodeSealer sealer = new OutboxCodeSealer() {
        @Override
        public String sealCode(String messageKey, String code) {
            return SEALED + code;
        }

        @Override
        public String openCode(String messageKey, String stored) {
            opened.add(stored);
            if (stored == null || !stored.startsWith(SEALED)) {
                throw new KeyEncryptionException("sealed under another key");
            }
            return stored.substring(SEALED.length());
        }
    };
    private final List<MailDispatcher> dispatchers = new ArrayList<>();

    @AfterEach
    void closeDispatchers() {
        dispatchers.forEach(MailDispatcher::close);
    }

    /** The in-memory outbox, recording purges and renewals; it can play an outbox whose claims were all taken over. */
    private static final class RecordingOutbox implements MailOutboxPort {
        final MailOutboxPort delegate;
        final List<Instant> purgeCutoffs = new CopyOnWriteArrayList<>();
        final AtomicInteger renewals = new AtomicInteger();
        volatile boolean claimsTakenOver;
        volatile int renewalsFailingFirst;
        volatile RuntimeException claimFailure;

        RecordingOutbox(MailOutboxPort delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<Long> queueWithCode(SingleUseCode code, NewOutboxMail mail, SendLimit limit) {
            return delegate.queueWithCode(code, mail, limit);
        }

        @Override
        public Optional<Long> queue(NewOutboxMail mail, SendLimit limit) {
            return delegate.queue(mail, limit);
        }

        @Override
        public int eraseRecipient(String recipient) {
            return delegate.eraseRecipient(recipient);
        }

        @Override
        public int eraseUser(long userId) {
            return delegate.eraseUser(userId);
        }

        @Override
        public List<OutboxMail> claimDue(Instant now, Instant claimedUntil, int max) {
            RuntimeException failure = claimFailure;
            if (failure != null) {
                throw failure;
            }
            return delegate.claimDue(now, claimedUntil, max);
        }

        @Override
        public boolean renewClaim(Claim claim, Instant claimedUntil) {
            int call = renewals.incrementAndGet();
            if (call <= renewalsFailingFirst) {
                throw new IllegalStateException("connection refused");
            }
            return !claimsTakenOver && delegate.renewClaim(claim, claimedUntil);
        }

        @Override
        public boolean markSent(Claim claim, Instant now) {
            return !claimsTakenOver && delegate.markSent(claim, now);
        }

        @Override
        public boolean retryLater(Claim claim, Instant nextAttemptAt, String reason) {
            return !claimsTakenOver && delegate.retryLater(claim, nextAttemptAt, reason);
        }

        @Override
        public boolean giveUp(Claim claim, Instant now, String reason) {
            return !claimsTakenOver && delegate.giveUp(claim, now, reason);
        }

        @Override
        public int deleteFinishedBefore(Instant cutoff) {
            purgeCutoffs.add(cutoff);
            return delegate.deleteFinishedBefore(cutoff);
        }

        @Override
        public Optional<OutboxMail> find(long id) {
            return delegate.find(id);
        }

        @Override
        public ServiceObserver.MailBacklog backlog(Instant now) {
            return delegate.backlog(now);
        }
    }

    private MailDispatcher dispatcher(UserNotifier notifier, OutboxSettings settings) {
        MailDispatcher dispatcher = new MailDispatcher(outbox, notifier, sealer, clock, settings, observer);
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    private long queueReset(String recipient, String code) {
        NewOutboxMail mail = new NewOutboxMail(MailKind.PASSWORD_RESET, recipient, "en", "Ann", null,
                sealer.sealCode("key-" + recipient, code), "key-" + recipient, clock.instant());
        SingleUseCode stored = new SingleUseCode("hash-" + code, CodePurpose.RESET_PASSWORD, 1, clock.instant(),
                clock.instant().plus(Duration.ofHours(1)));
        return outbox.queueWithCode(stored, mail, NO_LIMIT).orElseThrow();
    }

    private long queueWithStoredCode(String recipient, String stored) {
        NewOutboxMail mail = new NewOutboxMail(MailKind.PASSWORD_RESET, recipient, "en", "Ann", null, stored,
                "key-" + recipient, clock.instant());
        SingleUseCode code = new SingleUseCode("hash-" + recipient, CodePurpose.RESET_PASSWORD, 1, clock.instant(),
                clock.instant().plus(Duration.ofHours(1)));
        return outbox.queueWithCode(code, mail, NO_LIMIT).orElseThrow();
    }

    private long queueNotice(String recipient) {
        return outbox.queue(new NewOutboxMail(MailKind.PASSWORD_CHANGED_NOTICE, recipient, "en", "Ann", null, null,
                "key-" + recipient, clock.instant()), NO_LIMIT).orElseThrow();
    }

    private OutboxMail mail(long id) {
        return outbox.find(id).orElseThrow();
    }

    private static long threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name) && t.isAlive()).count();
    }

    private static boolean allDaemons(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name))
                .allMatch(Thread::isDaemon);
    }

    @Test
    void finishedMailsArePurgedAtTheFirstPassThenOnceAnHourBeforeTheRetention() {
        MailDispatcher dispatcher = dispatcher(mail -> { }, OutboxSettings.defaults());
        Instant start = clock.instant();

        dispatcher.deliverDue();
        clock.advance(Duration.ofHours(1).minusMillis(1));
        dispatcher.deliverDue();
        assertThat(outbox.purgeCutoffs).containsExactly(start.minus(Duration.ofDays(7)));

        clock.advance(Duration.ofMillis(1));
        dispatcher.deliverDue();
        assertThat(outbox.purgeCutoffs).containsExactly(start.minus(Duration.ofDays(7)),
                start.plus(Duration.ofHours(1)).minus(Duration.ofDays(7)));
    }

    @Test
    void aSealedCodeIsOpenedForTheDeliveryAndANoticeIsDeliveredAsItIs() {
        List<OutboxMail> delivered = new CopyOnWriteArrayList<>();
        long reset = queueReset("ann@example.com", "123456");
        long notice = queueNotice("bob@example.com");

        assertThat(dispatcher(delivered::add, OutboxSettings.defaults()).deliverDue()).isEqualTo(2);

        assertThat(delivered).extracting(OutboxMail::id, OutboxMail::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(reset, "123456"),
                        org.assertj.core.groups.Tuple.tuple(notice, null));
        assertThat(opened).containsExactly(SEALED + "123456");
        assertThat(outcomes).containsExactly(MailOutcome.SENT, MailOutcome.SENT);
        assertThat(mail(reset).sentAt()).isEqualTo(clock.instant());
        assertThat(mail(notice).sentAt()).isEqualTo(clock.instant());
    }

    @Test
    void aCodeThatCannotBeOpenedFailsTheAttemptUntilTheMailIsGivenUp() {
        List<OutboxMail> delivered = new CopyOnWriteArrayList<>();
        long id = queueWithStoredCode("ann@example.com", "sealed-elsewhere");
        MailDispatcher dispatcher = dispatcher(delivered::add, OutboxSettings.defaults().withMaxAttempts(2));

        assertThat(dispatcher.deliverDue()).isEqualTo(1);
        assertThat(mail(id).pending()).isTrue();
        assertThat(mail(id).nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(2));
        assertThat(mail(id).lastError()).isEqualTo("KeyEncryptionException: sealed under another key");
        assertThat(outcomes).containsExactly(MailOutcome.RETRY);

        clock.advance(Duration.ofSeconds(2));
        dispatcher.deliverDue();

        assertThat(delivered).isEmpty();
        assertThat(mail(id).gaveUpAt()).isEqualTo(clock.instant());
        assertThat(mail(id).lastError()).isEqualTo("KeyEncryptionException: sealed under another key");
        assertThat(outcomes).containsExactly(MailOutcome.RETRY, MailOutcome.GIVEN_UP);
    }

    @Test
    void eachOutcomeIsReportedToTheObserver() {
        long sent = queueNotice("sent@example.com");
        long failing = queueNotice("failing@example.com");
        long refused = queueReset("refused@example.com", "777888");
        UserNotifier notifier = mail -> {
            if (mail.recipient().startsWith("failing")) {
                throw new IllegalStateException("Read timed out");
            }
            if (mail.recipient().startsWith("refused")) {
                throw new UndeliverableMailException("550 no mailbox for code " + mail.code(), null);
            }
        };

        dispatcher(notifier, OutboxSettings.defaults()).deliverDue();

        assertThat(outcomes).containsExactly(MailOutcome.SENT, MailOutcome.RETRY, MailOutcome.GIVEN_UP);
        assertThat(mail(sent).sentAt()).isNotNull();
        assertThat(mail(failing).pending()).isTrue();
        assertThat(mail(refused).gaveUpAt()).isEqualTo(clock.instant());
        assertThat(mail(refused).lastError()).isEqualTo("UndeliverableMailException: 550 no mailbox for code [code]");
    }

    @Test
    void aDispatcherWhoseClaimsWereTakenOverReportsNoRetryOrGivingUp() {
        long failing = queueNotice("failing@example.com");
        long refused = queueNotice("refused@example.com");
        long unopenable = queueWithStoredCode("unopenable@example.com", "sealed-elsewhere");
        UserNotifier notifier = mail -> {
            if (mail.recipient().startsWith("failing")) {
                throw new IllegalStateException("Read timed out");
            }
            throw new UndeliverableMailException("550 no mailbox", null);
        };
        outbox.claimsTakenOver = true;
        MailDispatcher dispatcher = dispatcher(notifier, OutboxSettings.defaults().withMaxAttempts(2));

        assertThat(dispatcher.deliverDue()).isEqualTo(3);
        clock.advance(Duration.ofMinutes(1));
        assertThat(dispatcher.deliverDue()).as("the last attempts").isEqualTo(3);

        assertThat(outcomes).isEmpty();
        for (long id : List.of(failing, refused, unopenable)) {
            assertThat(mail(id).pending()).isTrue();
            assertThat(mail(id).lastError()).isNull();
        }
        assertThat(mail(failing).attempts()).isEqualTo(2);
    }

    @Test
    void aClaimThatNoLongerHoldsTheMailIsNotRenewedAgain() throws InterruptedException {
        outbox.claimsTakenOver = true;
        queueNotice("ann@example.com");
        UserNotifier slow = mail -> sleep(Duration.ofMillis(300));

        dispatcher(slow, OutboxSettings.defaults().withClaimDuration(Duration.ofMillis(30))).deliverDue();

        assertThat(outbox.renewals.get()).isEqualTo(1);
    }

    @Test
    void renewalsEndWithTheDelivery() throws InterruptedException {
        queueNotice("ann@example.com");
        UserNotifier renewedTwice = mail -> awaitRenewals(2);
        dispatcher(renewedTwice, OutboxSettings.defaults().withClaimDuration(Duration.ofMillis(30))).deliverDue();
        sleep(Duration.ofMillis(50));
        int afterDelivery = outbox.renewals.get();

        sleep(Duration.ofMillis(200));

        assertThat(outbox.renewals.get()).isEqualTo(afterDelivery);
    }

    @Test
    void aRenewalThatFailsIsTriedAgainAtTheNextInterval() {
        outbox.renewalsFailingFirst = 1;
        long id = queueNotice("ann@example.com");
        Duration claim = Duration.ofMillis(30);
        List<Boolean> renewedThrice = new CopyOnWriteArrayList<>();
        UserNotifier notifier = mail -> renewedThrice.add(awaitRenewals(3));

        dispatcher(notifier, OutboxSettings.defaults().withClaimDuration(claim)).deliverDue();

        assertThat(renewedThrice).containsExactly(true);
        assertThat(mail(id).sentAt()).isEqualTo(clock.instant());
    }

    @Test
    void oneRenewalThreadServesEveryDeliveryAndEndsOnClose() throws InterruptedException {
        long before = threadsNamed("user-service-mail-claims");
        for (int i = 0; i < 3; i++) {
            queueNotice("user" + i + "@example.com");
        }
        MailDispatcher dispatcher = dispatcher(mail -> { }, OutboxSettings.defaults());

        assertThat(dispatcher.deliverDue()).isEqualTo(3);
        assertThat(threadsNamed("user-service-mail-claims")).isEqualTo(before + 1);
        assertThat(allDaemons("user-service-mail-claims")).as("a renewal thread keeps no JVM alive").isTrue();

        dispatcher.close();
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (threadsNamed("user-service-mail-claims") > before && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(threadsNamed("user-service-mail-claims")).isEqualTo(before);
    }

    @Test
    void aBackgroundPassTakesFullBatchesUntilNothingIsDue() throws InterruptedException {
        CountDownLatch five = new CountDownLatch(5);
        for (int i = 0; i < 5; i++) {
            queueNotice("user" + i + "@example.com");
        }
        OutboxSettings batchesOfTwo = new OutboxSettings(Duration.ofHours(1), 2, Duration.ofMinutes(1), 100,
                Duration.ofSeconds(2), Duration.ofSeconds(30), 10, Duration.ofHours(1), Duration.ofDays(7));
        MailDispatcher dispatcher = dispatcher(mail -> five.countDown(), batchesOfTwo);

        dispatcher.start();
        dispatcher.start();

        assertThat(five.await(GUARD.toSeconds(), TimeUnit.SECONDS)).as("all five in the first pass").isTrue();
        assertThat(outbox.purgeCutoffs).hasSize(1);
    }

    @Test
    void afterCloseNoBackgroundPassRuns() throws InterruptedException {
        List<OutboxMail> delivered = new CopyOnWriteArrayList<>();
        MailDispatcher dispatcher = dispatcher(delivered::add,
                OutboxSettings.defaults().withPollInterval(Duration.ofMillis(5)));
        dispatcher.start();
        long first = queueNotice("first@example.com");
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (delivered.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(delivered).extracting(OutboxMail::id).containsExactly(first);

        dispatcher.close();
        long later = queueNotice("later@example.com");
        Thread.sleep(200);

        assertThat(delivered).extracting(OutboxMail::id).containsExactly(first);
        assertThat(mail(later).pending()).isTrue();
        assertThat(allDaemons("user-service-mail-dispatcher")).isTrue();
    }

    @Test
    void aReasonIsOneShortLineWithoutTheCode() {
        assertThat(MailDispatcher.reason(new IllegalStateException(), "123")).isEqualTo("IllegalStateException");
        assertThat(MailDispatcher.reason(new IllegalStateException("code 123 refused"), "123"))
                .isEqualTo("IllegalStateException: code [code] refused");
        assertThat(MailDispatcher.reason(new IllegalStateException("code 123"), null))
                .isEqualTo("IllegalStateException: code 123");
        assertThat(MailDispatcher.reason(new IllegalStateException("code 123"), ""))
                .isEqualTo("IllegalStateException: code 123");
        assertThat(MailDispatcher.reason(new IllegalStateException("line one\r\nline two\u0000\n"), null))
                .isEqualTo("IllegalStateException: line one  line two");
    }

    @Test
    void aReasonOfMoreThan200CharactersIsCutWithAnEllipsis() {
        String prefix = "IllegalStateException: ";
        String fits = "x".repeat(200 - prefix.length());

        assertThat(MailDispatcher.reason(new IllegalStateException(fits), null)).isEqualTo(prefix + fits);
        assertThat(MailDispatcher.reason(new IllegalStateException(fits + "y"), null))
                .hasSize(200).isEqualTo(prefix + fits.substring(1) + "…");
    }

    /** What operators read in the log: each mail given up, retried or lost to another dispatcher, never its code. */
    @Nested
    class Log {

        private CapturedLog log;

        @BeforeEach
        void capture() {
            log = CapturedLog.of(MailDispatcher.class);
        }

        @AfterEach
        void release() {
            log.close();
        }

        private List<String> at(Level level) {
            return log.at(level);
        }

        @Test
        void aMailGivenUpIsAnErrorWithItsReasonButNotItsCode() {
            long refused = queueReset("refused@example.com", "777888");
            long failing = queueNotice("failing@example.com");
            UserNotifier notifier = mail -> {
                if (mail.code() != null) {
                    throw new UndeliverableMailException("550 no mailbox for code " + mail.code(), null);
                }
                throw new IllegalStateException("Read timed out");
            };

            dispatcher(notifier, OutboxSettings.defaults().withMaxAttempts(1)).deliverDue();

            assertThat(at(Level.SEVERE)).containsExactly(
                    "gave up the PASSWORD_RESET mail " + refused
                            + ", which cannot be delivered: UndeliverableMailException: 550 no mailbox for code [code]",
                    "gave up the PASSWORD_CHANGED_NOTICE mail " + failing
                            + " after 1 attempts: IllegalStateException: Read timed out");
            assertThat(log.records()).extracting(LogRecord::getMessage).noneMatch(m -> m.contains("777888"));
        }

        @Test
        void aRetryIsAWarningWithTheNextAttempt() {
            long id = queueNotice("failing@example.com");
            UserNotifier notifier = mail -> {
                throw new IllegalStateException("Read timed out");
            };

            dispatcher(notifier, OutboxSettings.defaults()).deliverDue();

            assertThat(at(Level.WARNING)).containsExactly("could not send the PASSWORD_CHANGED_NOTICE mail " + id
                    + " (attempt 1 of 100), next attempt at " + clock.instant().plusSeconds(2)
                    + ": IllegalStateException: Read timed out");
            assertThat(at(Level.SEVERE)).isEmpty();
        }

        @Test
        void eachOutcomeLostToAnotherDispatcherIsAWarning() {
            long sent = queueNotice("sent@example.com");
            long refused = queueNotice("refused@example.com");
            long failing = queueNotice("failing@example.com");
            long unopenable = queueWithStoredCode("unopenable@example.com", "sealed-elsewhere");
            UserNotifier notifier = mail -> {
                if (mail.recipient().startsWith("refused")) {
                    throw new UndeliverableMailException("550 no mailbox", null);
                }
                if (mail.recipient().startsWith("failing")) {
                    throw new IllegalStateException("Read timed out");
                }
            };
            outbox.claimsTakenOver = true;
            MailDispatcher dispatcher = dispatcher(notifier, OutboxSettings.defaults().withMaxAttempts(2));

            dispatcher.deliverDue();
            clock.advance(Duration.ofMinutes(1));
            dispatcher.deliverDue();

            String lost = ", but its claim had been taken over by another dispatcher, which decides what becomes of"
                    + " the mail";
            assertThat(at(Level.WARNING)).contains(
                    "attempt 1 of the PASSWORD_CHANGED_NOTICE mail " + sent + " was sent (and may be sent again)" + lost,
                    "attempt 1 of the PASSWORD_CHANGED_NOTICE mail " + refused
                            + " was refused for good: UndeliverableMailException: 550 no mailbox" + lost,
                    "attempt 1 of the PASSWORD_CHANGED_NOTICE mail " + failing
                            + " failed: IllegalStateException: Read timed out" + lost,
                    "attempt 1 of the PASSWORD_RESET mail " + unopenable
                            + " failed: KeyEncryptionException: sealed under another key" + lost,
                    "attempt 2 of the PASSWORD_CHANGED_NOTICE mail " + failing
                            + " failed: IllegalStateException: Read timed out" + lost,
                    "attempt 2 of the PASSWORD_RESET mail " + unopenable
                            + " failed: KeyEncryptionException: sealed under another key" + lost);
            assertThat(at(Level.SEVERE)).isEmpty();
        }

        @Test
        void aPurgeThatDeletedMailsSaysHowMany() {
            queueNotice("ann@example.com");
            MailDispatcher dispatcher = dispatcher(mail -> { }, OutboxSettings.defaults());
            dispatcher.deliverDue();
            assertThat(at(Level.INFO)).as("nothing was old enough").isEmpty();

            clock.advance(Duration.ofDays(8));
            dispatcher.deliverDue();

            assertThat(at(Level.INFO)).containsExactly("deleted 1 finished mails older than PT168H from the outbox");
        }

        @Test
        void aBackgroundPassThatFailsIsAWarningAndTheNextPassRuns() throws InterruptedException {
            outbox.claimFailure = new IllegalStateException("the database is away\nfor now");
            CountDownLatch delivered = new CountDownLatch(1);
            queueNotice("ann@example.com");
            MailDispatcher dispatcher = dispatcher(mail -> delivered.countDown(),
                    OutboxSettings.defaults().withPollInterval(Duration.ofMillis(10)));

            dispatcher.start();
            long deadline = System.nanoTime() + GUARD.toNanos();
            while (at(Level.WARNING).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            outbox.claimFailure = null;

            assertThat(delivered.await(GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(at(Level.WARNING)).first().isEqualTo(
                    "mail outbox pass failed, trying again in PT0.01S: IllegalStateException: the database is away for now");
        }
    }

    private boolean awaitRenewals(int count) {
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (outbox.renewals.get() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(Duration.ofMillis(5));
        }
        return true;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
