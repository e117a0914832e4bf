package io.userservice.core.service;

import io.userservice.core.port.out.MailOutboxPort;
import java.time.Duration;

/**
 * How the mail outbox is worked off and how much mail one recipient may get.
 *
 * @param pollInterval     how often a dispatcher looks for due mails
 * @param batchSize        at most this many mails per look
 * @param claimDuration    how long a claimed mail is left to its dispatcher before another may
 *                         take it over; longer than the slowest delivery
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
        if (maxRetryDelay.compareTo(firstRetryDelay) < 0) {
            throw new IllegalArgumentException("maxRetryDelay must not be shorter than firstRetryDelay");
        }
    }

    /**
     * A look every second, 20 mails per look, 5-minute claims, retries after 2 s doubling up to
     * 30 s, given up after 100 attempts (about 50 minutes), 10 mails per recipient per hour,
     * finished mails kept for 7 days.
     */
    public static OutboxSettings defaults() {
        return new OutboxSettings(Duration.ofSeconds(1), 20, Duration.ofMinutes(5), 100, Duration.ofSeconds(2),
                Duration.ofSeconds(30), 10, Duration.ofHours(1), Duration.ofDays(7));
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

    MailOutboxPort.SendLimit sendLimit() {
        return new MailOutboxPort.SendLimit(recipientLimit, recipientWindow);
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
