package io.userservice.core.service;

import io.userservice.core.domain.AccountChange;
import io.userservice.core.domain.AccountState;
import io.userservice.core.domain.Role;
import io.userservice.core.port.out.AccountStateFeed;
import io.userservice.core.port.out.AccountStatePort;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * This instance's copy of users' account state (credential epoch, valid-after, deactivation,
 * roles), in front of the shared store, kept current by an {@link AccountStateFeed}: every request
 * that checks a token still applies the state's rules, most of them without a database round trip.
 *
 * <p>The bound on staleness: the copy is used only while the feed has caught up to an instant less
 * than {@code maxLag} ago; a change committed before that instant has already dropped its user's
 * entry. So a state is never served more than {@code maxLag} after a change to it committed, and
 * once the change's report has arrived, not at all. While the feed is behind, lost its connection
 * or has not started, every read goes to the store and nothing is copied; when it has lost track,
 * the whole copy is dropped.
 *
 * <p>A read that misses copies what it read only if no report arrived meanwhile (a generation
 * counter, checked after the copy is put), so a read racing a change never keeps the state from
 * before it. A change made through this instance drops its user's entry at once and again when
 * its transaction ends ({@link #around(ServiceState)} wraps the transactions), so this instance
 * sees its own changes immediately.
 *
 * <p>At most {@code capacity} entries are kept; when full, about a tenth of them is dropped.
 */
public final class CachedAccountState implements AccountStatePort, AccountStateFeed.Subscriber {

    private final ThreadLocal<Set<Long>> changedInTransaction = new ThreadLocal<>();

    private final AccountStatePort store;
    private final int capacity;
    private final long maxLagMillis;
    private final Clock clock;
    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private volatile long caughtUpMillis = Long.MIN_VALUE;

    public CachedAccountState(AccountStatePort store, int capacity, Duration maxLag, Clock clock) {
        if (capacity < 1 || maxLag.isNegative() || maxLag.isZero()) {
            throw new IllegalArgumentException("the account state cache needs a positive capacity and lag");
        }
        this.store = Objects.requireNonNull(store, "store");
        this.capacity = capacity;
        this.maxLagMillis = maxLag.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code state} with this copy in front of its account state and its transactions telling it what they changed. */
    public ServiceState around(ServiceState state) {
        if (state.accounts() != store) {
            throw new IllegalArgumentException("this cache stands in front of another store");
        }
        return state.withAccounts(this, new Dropping(state.transactions()));
    }

    @Override
    public AccountState stateOf(long userId) {
        if (!isCurrent()) {
            misses.increment();
            return store.stateOf(userId);
        }
        Entry cached = entries.get(userId);
        if (cached != null) {
            hits.increment();
            return cached.state();
        }
        misses.increment();
        long before = generation.get();
        AccountState state = store.stateOf(userId);
        if (isCurrent()) {
            Entry entry = new Entry(state);
            makeRoom();
            entries.put(userId, entry);
            if (generation.get() != before) {
                entries.remove(userId, entry);
            }
        }
        return state;
    }

    /** Whether the feed has caught up recently enough for the copy to be used. */
    public boolean isCurrent() {
        long caughtUp = caughtUpMillis;
        return caughtUp != Long.MIN_VALUE && clock.millis() - caughtUp < maxLagMillis;
    }

    /** Reads answered from the copy. */
    public long hits() {
        return hits.sum();
    }

    /** Reads that went to the store. */
    public long misses() {
        return misses.sum();
    }

    /** The number of users copied. */
    public int size() {
        return entries.size();
    }

    private void makeRoom() {
        if (entries.size() < capacity) {
            return;
        }
        int drop = Math.max(1, capacity / 10);
        Iterator<Long> keys = entries.keySet().iterator();
        while (drop-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }

    @Override
    public void changed(long userId) {
        drop(userId);
    }

    @Override
    public void caughtUp(Instant checkStartedAt) {
        caughtUpMillis = Math.max(caughtUpMillis, checkStartedAt.toEpochMilli());
    }

    @Override
    public void lostTrack() {
        caughtUpMillis = Long.MIN_VALUE;
        generation.incrementAndGet();
        entries.clear();
    }

    private void drop(long userId) {
        generation.incrementAndGet();
        entries.remove(userId);
    }

    /** Drops the entry now, and once more when the surrounding transaction (if any) has ended. */
    private void changing(long userId) {
        drop(userId);
        Set<Long> changed = changedInTransaction.get();
        if (changed != null) {
            changed.add(userId);
        }
    }

    @Override
    public void apply(long userId, AccountChange change) {
        try {
            store.apply(userId, change);
        } finally {
            changing(userId);
        }
    }

    @Override
    public boolean applyIfEpoch(long userId, long expectedEpoch, AccountChange change) {
        try {
            return store.applyIfEpoch(userId, expectedEpoch, change);
        } finally {
            changing(userId);
        }
    }

    @Override
    public boolean grant(long userId, Role role) {
        try {
            return store.grant(userId, role);
        } finally {
            changing(userId);
        }
    }

    @Override
    public boolean revoke(long userId, Role role) {
        try {
            return store.revoke(userId, role);
        } finally {
            changing(userId);
        }
    }

    @Override
    public void erase(long userId) {
        try {
            store.erase(userId);
        } finally {
            changing(userId);
        }
    }

    private record Entry(AccountState state) {
    }

    /**
     * The store's transactions, remembering which users' state the work changed and dropping their
     * entries once the outermost transaction has ended: a reader that copied the state from before
     * the commit, between the change and the commit, does not keep it.
     */
    private final class Dropping implements Transactions {

        private final Transactions delegate;

        Dropping(Transactions delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            if (changedInTransaction.get() != null) {
                return delegate.inTransaction(work);
            }
            Set<Long> changed = new HashSet<>();
            changedInTransaction.set(changed);
            try {
                return delegate.inTransaction(work);
            } finally {
                changedInTransaction.remove();
                changed.forEach(CachedAccountState.this::drop);
            }
        }
    }
}
