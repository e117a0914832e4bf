package io.userservice.core.settings;

import java.time.Duration;
import java.util.Objects;

/**
 * How webhooks are delivered.
 *
 * @param allowInternal  whether receivers in the internal network (loopback, private, link-local,
 *                       unique-local addresses) are allowed; off by default
 * @param pollInterval   how often each instance looks for due deliveries
 * @param claimDuration  how long a claimed delivery is held before another instance may take it
 *                       over; longer than one attempt can take (the sender's 10 s bound)
 * @param retryFor       how long after the event failed deliveries are retried before being given up
 * @param retention      how long delivered and given-up deliveries stay visible
 */
public record WebhookSettings(boolean allowInternal, Duration pollInterval, Duration claimDuration,
                              Duration retryFor, Duration retention, int batchSize) {

    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Duration LONGEST_RETRY = Duration.ofHours(2);

    public WebhookSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(claimDuration, "claimDuration");
        Objects.requireNonNull(retryFor, "retryFor");
        Objects.requireNonNull(retention, "retention");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
    }

    public static WebhookSettings defaults() {
        return new WebhookSettings(false, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofHours(24),
                Duration.ofDays(7), 50);
    }

    public WebhookSettings withAllowInternal(boolean value) {
        return new WebhookSettings(value, pollInterval, claimDuration, retryFor, retention, batchSize);
    }

    public WebhookSettings withPollInterval(Duration value) {
        return new WebhookSettings(allowInternal, value, claimDuration, retryFor, retention, batchSize);
    }

    /** The wait after the given failed attempt: 5 s, doubling, at most two hours. */
    public Duration retryDelay(int attempt) {
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
        return delay.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : delay;
    }
}
