package io.userservice.core.port.out;

import java.time.Instant;

/**
 * Tells an instance whose {@link AccountStatePort account state} changed, on any instance sharing
 * the store, so a copy kept in memory can follow. An implementation reports a change only once the
 * transaction that made it has committed (a rolled-back change is reported to no one), and it
 * reports every committed change: between two {@link Subscriber#lostTrack()} calls, when it says
 * {@link Subscriber#caughtUp(Instant) caught up} to an instant, every change committed before that
 * instant has been passed to {@link Subscriber#changed(long)}. Calls to the subscriber come from
 * one thread at a time.
 */
public interface AccountStateFeed extends AutoCloseable {

    /** Starts following the store on a thread of its own; the first call to the subscriber is {@code lostTrack}. */
    void start(Subscriber subscriber);

    /** Stops following; the subscriber hears nothing afterwards. */
    @Override
    void close();

    /** Who follows the feed. */
    interface Subscriber {

        /** The state of this user changed in a committed transaction. */
        void changed(long userId);

        /** Every change committed before {@code checkStartedAt} has been reported. */
        void caughtUp(Instant checkStartedAt);

        /**
         * The feed does not know what it missed (it started, lost its connection or fell behind):
         * whatever was copied before may be stale. Until the next {@code caughtUp}, no change is
         * guaranteed to be reported.
         */
        void lostTrack();
    }
}
