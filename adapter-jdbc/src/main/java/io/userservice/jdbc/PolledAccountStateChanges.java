package io.userservice.jdbc;

import io.userservice.core.port.out.AccountStateFeed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account state changes of every instance, found by polling {@code account_state_changes}
 * (see {@link AccountStateChanges#counted}) every {@code interval}. Versions commit in order and
 * without gaps, so a poll that reads every version after the last one it saw has seen every
 * change committed before it started. It loses track (and says so) when a poll fails, and when it
 * finds a gap: the rows it missed were purged while it was not polling.
 */
final class PolledAccountStateChanges implements AccountStateFeed {

    private static final Logger LOG = LoggerFactory.getLogger(PolledAccountStateChanges.class);
    private static final int PAGE = 500;
    /** Change rows are kept this long; an instance that was away longer starts over. */
    static final Duration KEPT = Duration.ofMinutes(10);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final Duration interval;
    private final Clock clock;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "account-state-poll");
        thread.setDaemon(true);
        return thread;
    });
    private Subscriber subscriber;
    private long lastVersion;
    private boolean tracking;
    private Instant nextPurge = Instant.MIN;

    PolledAccountStateChanges(Jdbi jdbi, Duration interval, Clock clock) {
        this.jdbi = jdbi;
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public void start(Subscriber subscriber) {
        this.subscriber = subscriber;
        subscriber.lostTrack();
        poller.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        Instant started = clock.instant();
        try {
            if (!tracking) {
                lastVersion = currentVersion();
                subscriber.lostTrack();
                tracking = true;
            } else {
                readChanges();
            }
            if (tracking) {
                subscriber.caughtUp(started);
            }
            purgeNowAndThen(started);
        } catch (RuntimeException e) {
            if (tracking) {
                LOG.warn("account state changes cannot be read, every read goes to the database until they can: {}",
                        e.toString());
            }
            tracking = false;
            subscriber.lostTrack();
        }
    }

    private long currentVersion() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT version FROM account_state_version WHERE id = 1")
                .mapTo(Long.class).one());
    }

    private void readChanges() {
        List<Change> page;
        do {
            page = jdbi.withHandle(handle -> handle.createQuery("SELECT version, user_id FROM account_state_changes"
                            + " WHERE version > :last ORDER BY version")
                    .bind("last", lastVersion)
                    .setMaxRows(PAGE)
                    .map((rows, ctx) -> new Change(rows.getLong("version"), rows.getLong("user_id")))
                    .list());
            for (Change change : page) {
                if (change.version() != lastVersion + 1) {
                    LOG.warn("account state changes {} to {} were purged before this instance read them;"
                            + " starting over", lastVersion + 1, change.version() - 1);
                    tracking = false;
                    subscriber.lostTrack();
                    return;
                }
                subscriber.changed(change.userId());
                lastVersion = change.version();
            }
        } while (page.size() == PAGE);
    }

    /** Any instance may purge; the deletes of several are harmless to each other. */
    private void purgeNowAndThen(Instant now) {
        if (now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(PURGE_EVERY);
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM account_state_changes WHERE changed_at < :before")
                .bind("before", now.minus(KEPT).toEpochMilli())
                .execute());
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Change(long version, long userId) {
    }
}
