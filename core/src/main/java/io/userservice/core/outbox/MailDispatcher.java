package io.userservice.core.outbox;

import io.userservice.core.domain.OutboxMail;
import io.userservice.core.port.KeyEncryptionException;
import io.userservice.core.port.out.MailOutboxPort.Claim;
import io.userservice.core.port.out.MailOutboxPort;
import io.userservice.core.port.out.OutboxCodeSealer;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.port.out.UndeliverableMailException;
import io.userservice.core.port.out.UserNotifier;
import io.userservice.core.settings.OutboxSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;


/**
 * Works off the mail outbox: claims due mails, hands each to the {@link UserNotifier}, marks it
 * sent, or schedules another attempt with a doubling delay, and gives it up after the configured
 * number of attempts, or at once when the notifier says it is {@link UndeliverableMailException
 * undeliverable}, with the reason recorded. Once an hour it deletes the finished mails older
 * than the configured retention. Claims are atomic in the outbox, so dispatchers
 * of several instances can share one outbox; a mail whose dispatcher died is taken over once its
 * claim expires, so delivery is at least once.
 *
 * <p>While the notifier delivers a mail, the claim is renewed every third of the claim duration
 * from a thread of its own, so a slow delivery keeps its mail and a dispatcher that died releases
 * it within one claim duration. A dispatcher whose claim was taken over all the same (it could
 * not renew in time) records nothing about the mail; the dispatcher that took it over does.
 *
 * <p>A code the outbox keeps sealed is opened only for its delivery; one that cannot be opened
 * (another key-encryption key) makes the attempt fail, so it is retried, perhaps by an instance
 * that has the key, and given up in the end like any undeliverable mail.
 *
 * <p>{@link #start()} runs passes in a background thread at the configured interval;
 * {@link #deliverDue()} runs one pass in the caller's thread. {@link #close()} stops the threads
 * after the pass in progress.
 */
public final class MailDispatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MailDispatcher.class.getName());
    private static final int MAX_REASON_LENGTH = 200;
    private static final long CLOSE_WAIT_SECONDS = 10;
    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

    private final MailOutboxPort outbox;
    private final UserNotifier notifier;
    private final OutboxCodeSealer sealer;
    private final Clock clock;
    private final OutboxSettings settings;
    private final BackgroundPasses passes = new BackgroundPasses(
            "user-service-mail-dispatcher", Duration.ofSeconds(CLOSE_WAIT_SECONDS));
    private ScheduledExecutorService renewer;
    private Instant nextPurge = Instant.MIN;

    private final ServiceObserver observer;

    /** Built by {@link io.userservice.core.service.UserServiceCore}'s builder. */
    public MailDispatcher(MailOutboxPort outbox, UserNotifier notifier, OutboxCodeSealer sealer, Clock clock,
                   OutboxSettings settings, ServiceObserver observer) {
        this.observer = observer;
        this.outbox = outbox;
        this.notifier = notifier;
        this.sealer = sealer;
        this.clock = clock;
        this.settings = settings;
    }

    /** Starts delivering in a background thread; calling it again changes nothing. */
    public void start() {
        passes.start(settings.pollInterval(), this::passLoggingFailures);
    }

    /**
     * Claims and handles the mails due now, up to the batch size, in the caller's thread.
     *
     * @return how many mails were handled (sent, postponed or given up)
     */
    public int deliverDue() {
        purgeIfDue();
        // One mail per claim: a claim lasts as long as one delivery may (both SMTP timeouts), so the
        // later mails of a claimed batch would see their claims expire while the earlier ones are
        // sent, and another instance would take them over and send them a second time.
        return BackgroundPasses.claimingOneAtATime(settings.batchSize(), () -> {
            Instant now = clock.instant();
            return outbox.claimDue(now, now.plus(settings.claimDuration()), 1);
        }, this::deliver);
    }

    /** Stops the background threads, letting the pass in progress finish for a few seconds. */
    @Override
    public void close() {
        passes.stop();
        ScheduledExecutorService renewing;
        synchronized (this) {
            renewing = renewer;
            renewer = null;
        }
        if (renewing != null) {
            renewing.shutdownNow();
        }
    }

    /** The thread that renews claims while deliveries run, started with the first delivery. */
    private synchronized ScheduledExecutorService renewer() {
        if (renewer == null) {
            renewer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "user-service-mail-claims");
                thread.setDaemon(true);
                return thread;
            });
        }
        return renewer;
    }

    /** Once an hour, deletes the finished mails older than the retention. */
    private void purgeIfDue() {
        Instant now = clock.instant();
        synchronized (this) {
            if (now.isBefore(nextPurge)) {
                return;
            }
            nextPurge = now.plus(PURGE_INTERVAL);
        }
        int deleted = outbox.deleteFinishedBefore(now.minus(settings.retention()));
        if (deleted > 0) {
            LOG.log(System.Logger.Level.INFO, "deleted " + deleted + " finished mails older than "
                    + settings.retention() + " from the outbox");
        }
    }

    private void passLoggingFailures() {
        try {
            while (deliverDue() == settings.batchSize() && !Thread.currentThread().isInterrupted()) {
                // a full batch: more mails may be due right away
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "mail outbox pass failed, trying again in "
                    + settings.pollInterval() + ": " + reason(e, null));
        }
    }

    private void deliver(OutboxMail claimed) {
        Claim claim = Claim.of(claimed);
        OutboxMail mail;
        try {
            mail = claimed.code() == null ? claimed
                    : claimed.withCode(sealer.openCode(claimed.messageKey(), claimed.code()));
        } catch (KeyEncryptionException e) {
            failed(claimed, claim, reason(e, null));
            return;
        }
        try (ClaimRenewal renewal = new ClaimRenewal(mail, claim)) {
            renewal.start();
            notifier.deliver(mail);
        } catch (UndeliverableMailException e) {
            String reason = reason(e, mail.code());
            if (outbox.giveUp(claim, clock.instant(), reason)) {
                observer.mailDelivered(ServiceObserver.MailOutcome.GIVEN_UP);
                LOG.log(System.Logger.Level.ERROR, "gave up the " + mail.kind() + " mail " + mail.id()
                        + ", which cannot be delivered: " + reason);
            } else {
                lostClaim(mail, "was refused for good: " + reason);
            }
            return;
        } catch (RuntimeException e) {
            failed(mail, claim, reason(e, mail.code()));
            return;
        }
        observer.mailDelivered(ServiceObserver.MailOutcome.SENT);
        if (!outbox.markSent(claim, clock.instant())) {
            lostClaim(mail, "was sent (and may be sent again)");
        }
    }

    private void failed(OutboxMail mail, Claim claim, String reason) {
        Instant now = clock.instant();
        if (mail.attempts() >= settings.maxAttempts()) {
            if (outbox.giveUp(claim, now, reason)) {
                observer.mailDelivered(ServiceObserver.MailOutcome.GIVEN_UP);
                LOG.log(System.Logger.Level.ERROR, "gave up the " + mail.kind() + " mail " + mail.id() + " after "
                        + mail.attempts() + " attempts: " + reason);
            } else {
                lostClaim(mail, "failed: " + reason);
            }
            return;
        }
        Instant next = now.plus(settings.retryDelay(mail.attempts()));
        if (!outbox.retryLater(claim, next, reason)) {
            lostClaim(mail, "failed: " + reason);
            return;
        }
        observer.mailDelivered(ServiceObserver.MailOutcome.RETRY);
        LOG.log(System.Logger.Level.WARNING, "could not send the " + mail.kind() + " mail " + mail.id()
                + " (attempt " + mail.attempts() + " of " + settings.maxAttempts() + "), next attempt at " + next
                + ": " + reason);
    }

    private static void lostClaim(OutboxMail mail, String outcome) {
        LOG.log(System.Logger.Level.WARNING, "attempt " + mail.attempts() + " of the " + mail.kind() + " mail "
                + mail.id() + " " + outcome + ", but its claim had been taken over by another dispatcher,"
                + " which decides what becomes of the mail");
    }

    /**
     * Renews a claim every third of the claim duration until closed, or until the outbox says the
     * claim no longer holds the mail. A renewal that fails (the database is away) is tried again at
     * the next interval, while the claim may still be valid.
     */
    private final class ClaimRenewal implements Runnable, AutoCloseable {

        private final OutboxMail mail;
        private final Claim claim;
        private ScheduledFuture<?> schedule;
        private boolean closed;

        ClaimRenewal(OutboxMail mail, Claim claim) {
            this.mail = mail;
            this.claim = claim;
        }

        void start() {
            long interval = settings.claimRenewalInterval().toNanos();
            ScheduledFuture<?> scheduled = renewer().scheduleWithFixedDelay(this, interval, interval,
                    TimeUnit.NANOSECONDS);
            synchronized (this) {
                schedule = scheduled;
                if (closed) {
                    scheduled.cancel(false);
                }
            }
        }

        @Override
        public void run() {
            try {
                if (!outbox.renewClaim(claim, clock.instant().plus(settings.claimDuration()))) {
                    LOG.log(System.Logger.Level.WARNING, "the claim of attempt " + mail.attempts() + " on the "
                            + mail.kind() + " mail " + mail.id() + " was taken over by another dispatcher while"
                            + " the mail was being sent");
                    close();
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not renew the claim on the " + mail.kind() + " mail "
                        + mail.id() + ", trying again in " + settings.claimRenewalInterval() + ": "
                        + reason(e, mail.code()));
            }
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (schedule != null) {
                schedule.cancel(false);
            }
        }
    }

    /** One short line, without the code and without control characters. */
    static String reason(RuntimeException failure, String code) {
        String text = failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        if (code != null && !code.isEmpty()) {
            text = text.replace(code, "[code]");
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        String line = out.toString().strip();
        return line.length() <= MAX_REASON_LENGTH ? line : line.substring(0, MAX_REASON_LENGTH - 1) + "…";
    }
}
