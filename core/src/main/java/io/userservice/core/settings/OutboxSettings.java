package io.userservice.core.settings;

import io.userservice.core.port.out.MailOutboxPort;
import java.time.Duration;

/**
 * How the mail outbox is worked off and how much mail one recipient may get.
 *
 * @param pollInterval     how often a dispatcher looks for due mails
 * @param batchSize        at most this many mails per look
 * @param claimDuration    how long a claimed mail is left to its dispatcher before another may
 *                         take it over; the dispatcher renews the claim every third of it while the
 *                         delivery runs, so this is how long the mail of a dispatcher that died waits;
 *                         at most {@link #MAX_CLAIM_DURATION}
 * @param maxAttempts      attempts before a mail is given up
 * @param firstRetryDelay  the wait after the first failed attempt; it doubles with every further one
 * @param maxRetryDelay    the longest wait between attempts
 * @param recipientLimit   at most this many mails per recipient and window; more are not queued
 * @param recipientWindow  the window of the recipient limit
 * @param retention        how long sent and given-up mails are kept (without their codes) before
 *                         they are deleted
 */
public record OutboxSettings(Duration pollInterval, int batchSize, Duration claimDuration, int maxAttempts,
                             Duration firstRetryDelay, Duration maxRetryDelay, int recipientLimit,
                             Duration recipientWindow, Duration retention) {

    /** The longest claim: a crashed dispatcher never holds a mail back for longer. */
    public static final Duration MAX_CLAIM_DURATION = Duration.ofMinutes(1);

    /**
     * What a claim lasts beyond the delivery it covers: the time to record the outcome, and a few
     * seconds of difference between the clocks of the instances that share the outbox.
     */
    static final Duration CLAIM_MARGIN = Duration.ofSeconds(5);

    public OutboxSettings {
        positive(pollInterval, "pollInterval");
        positive(claimDuration, "claimDuration");
        positive(firstRetryDelay, "firstRetryDelay");
        positive(maxRetryDelay, "maxRetryDelay");
        positive(recipientWindow, "recipientWindow");
        positive(retention, "retention");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (recipientLimit < 1) {
            throw new IllegalArgumentException("recipientLimit must be at least 1");
        }
        if (claimDuration.compareTo(MAX_CLAIM_DURATION) > 0) {
            throw new IllegalArgumentException("claimDuration must be at most " + MAX_CLAIM_DURATION);
        }
        if (maxRetryDelay.compareTo(firstRetryDelay) < 0) {
            throw new IllegalArgumentException("maxRetryDelay must not be shorter than firstRetryDelay");
        }
    }

    /**
     * A look every second, 20 mails per look, 1-minute claims (for a notifier whose deliveries are
     * not known to end sooner; see {@link #withClaimCovering}), retries after 2 s doubling up to
     * 30 s, given up after 100 attempts (about 50 minutes), 10 mails per recipient per hour,
     * finished mails kept for 7 days.
     */
    public static OutboxSettings defaults() {
        return new OutboxSettings(Duration.ofSeconds(1), 20, MAX_CLAIM_DURATION, 100, Duration.ofSeconds(2),
                Duration.ofSeconds(30), 10, Duration.ofHours(1), Duration.ofDays(7));
    }

    public OutboxSettings withClaimDuration(Duration value) {
        return new OutboxSettings(pollInterval, batchSize, value, maxAttempts, firstRetryDelay, maxRetryDelay,
                recipientLimit, recipientWindow, retention);
    }

    /**
     * Claims that cover a delivery taking up to {@code deliveryTimeout} (for SMTP: the connect and
     * the read timeout) plus {@link #CLAIM_MARGIN}, and at most {@link #MAX_CLAIM_DURATION}; a
     * longer delivery keeps its claim by renewing it.
     */
    public OutboxSettings withClaimCovering(Duration deliveryTimeout) {
        positive(deliveryTimeout, "deliveryTimeout");
        Duration claim = deliveryTimeout.plus(CLAIM_MARGIN);
        return withClaimDuration(claim.compareTo(MAX_CLAIM_DURATION) > 0 ? MAX_CLAIM_DURATION : claim);
    }

    public OutboxSettings withPollInterval(Duration value) {
        return new OutboxSettings(value, batchSize, claimDuration, maxAttempts, firstRetryDelay, maxRetryDelay,
                recipientLimit, recipientWindow, retention);
    }

    public OutboxSettings withMaxAttempts(int value) {
        return new OutboxSettings(pollInterval, batchSize, claimDuration, value, firstRetryDelay, maxRetryDelay,
                recipientLimit, recipientWindow, retention);
    }

    public OutboxSettings withRetryDelays(Duration first, Duration max) {
        return new OutboxSettings(pollInterval, batchSize, claimDuration, maxAttempts, first, max, recipientLimit,
                recipientWindow, retention);
    }

    public OutboxSettings withRecipientLimit(int value) {
        return new OutboxSettings(pollInterval, batchSize, claimDuration, maxAttempts, firstRetryDelay, maxRetryDelay,
                value, recipientWindow, retention);
    }

    /** The wait after the {@code attempts}-th failed attempt: doubling from the first, capped. */
    public Duration retryDelay(int attempts) {
        long cap = maxRetryDelay.toMillis();
        long delay = firstRetryDelay.toMillis();
        for (int i = 1; i < attempts && delay < cap; i++) {
            delay *= 2;
        }
        return Duration.ofMillis(Math.min(delay, cap));
    }

    /** How often a dispatcher renews the claim of the mail it is delivering: every third of the claim. */
    public Duration claimRenewalInterval() {
        Duration third = claimDuration.dividedBy(3);
        return third.isZero() ? Duration.ofMillis(1) : third;
    }

    public MailOutboxPort.SendLimit sendLimit() {
        return new MailOutboxPort.SendLimit(recipientLimit, recipientWindow);
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
