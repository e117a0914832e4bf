package io.userservice.app;

import io.userservice.core.port.in.PurgeExpiredRowsUseCase;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges expired rows ({@link PurgeExpiredRowsUseCase}) every {@code USERSVC_PURGE_INTERVAL}
 * (default hourly) on a background thread of its own, first after a random part of the interval
 * (at most a minute), so instances started together do not purge together. Every instance runs
 * it; a purge running on several at once deletes each row once. A failed purge (the database
 * away) is logged and tried again at the next interval.
 */
final class Housekeeping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    private static final Duration LONGEST_FIRST_DELAY = Duration.ofMinutes(1);

    private final ScheduledExecutorService timer;

    private Housekeeping(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static Housekeeping start(PurgeExpiredRowsUseCase purge, Duration interval) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "user-service-purge");
            thread.setDaemon(true);
            return thread;
        });
        long intervalMillis = Math.max(1, interval.toMillis());
        long firstDelay = ThreadLocalRandom.current().nextLong(Math.min(intervalMillis, LONGEST_FIRST_DELAY.toMillis()) + 1);
        timer.scheduleWithFixedDelay(() -> runOnce(purge), firstDelay, intervalMillis, TimeUnit.MILLISECONDS);
        return new Housekeeping(timer);
    }

    static void runOnce(PurgeExpiredRowsUseCase purge) {
        try {
            PurgeExpiredRowsUseCase.Purged purged = purge.purge();
            if (purged.total() > 0) {
                LOG.info("purged expired rows: {} consumed-token records, {} portal sessions, {} single-use codes,"
                                + " {} signing keys, {} authorization codes", purged.consumedTokens(),
                        purged.portalSessions(), purged.singleUseCodes(), purged.signingKeys(),
                        purged.authorizationCodes());
            }
        } catch (RuntimeException e) {
            LOG.warn("purging expired rows failed, trying again at the next interval: {}", e.toString());
        }
    }

    /** Stops the schedule and waits (a few seconds at most) for a purge in progress. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
