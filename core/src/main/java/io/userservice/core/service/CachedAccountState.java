package io.userservice.core.service;

import io.userservice.core.domain.AccountChange;
import io.userservice.core.domain.AccountState;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.NewDirectoryUser;
import io.userservice.core.domain.Role;
import io.userservice.core.port.out.AccountStateFeed;
import io.userservice.core.port.out.AccountStatePort;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.Transactions;
import io.userservice.core.port.out.UserDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * <p>The same copy can stand beside the built-in directory ({@link #around(UserDirectory)}), whose
 * every change of an entry the feed reports like a change of state: a request that checks a token
 * then reads neither the user nor their state from the store. Entry and state are copied together,
 * apart from the states other reads copy, so an entry is never paired with a state read later.
 *
 * <p>At most {@code capacity} states and as many directory entries are kept; when full, about a
 * tenth of them is dropped.
 */
public final class CachedAccountState implements AccountStatePort, AccountStateFeed.Subscriber {

    private final ThreadLocal<Set<Long>> changedInTransaction = new ThreadLocal<>();

    private final AccountStatePort store;
    private final int capacity;
    private final long maxLagMillis;
    private final Clock clock;
    private final Map<Long, AccountState> states = new ConcurrentHashMap<>();
    private final Map<Long, Holder> holders = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder userHits = new LongAdder();
    private final LongAdder userMisses = new LongAdder();
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

    /**
     * {@code directory} with this copy beside it, for a directory whose every change of an entry
     * the feed reports and whose keys are its ids (the built-in one). Only the check of a presented
     * token reads from the copy ({@link CopiedDirectory#holder}); everything else, including
     * {@link UserDirectory#findByKey}, goes to {@code directory} as it is. A change made through the
     * returned directory drops the user's copy at once and again when its transaction ends.
     */
    public UserDirectory around(UserDirectory directory) {
        if (!directory.assignsIds()) {
            throw new IllegalArgumentException("only a directory whose keys are its ids can be copied");
        }
        return new CopiedDirectory(directory);
    }

    @Override
    public AccountState stateOf(long userId) {
        if (!isCurrent()) {
            misses.increment();
            return store.stateOf(userId);
        }
        AccountState cached = states.get(userId);
        if (cached != null) {
            hits.increment();
            return cached;
        }
        misses.increment();
        long before = generation.get();
        AccountState state = store.stateOf(userId);
        if (isCurrent()) {
            Bounded.makeRoom(states.keySet(), capacity);
            states.put(userId, state);
            if (generation.get() != before) {
                states.remove(userId, state);
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

    /** Users checked for a presented token from the copy. */
    public long userHits() {
        return userHits.sum();
    }

    /** Users checked for a presented token by reading the stores. */
    public long userMisses() {
        return userMisses.sum();
    }

    /** The number of users whose state is copied. */
    public int size() {
        return states.size();
    }

    /** The number of users whose entry is copied (with their state). */
    public int userCount() {
        return holders.size();
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
        states.clear();
        holders.clear();
    }

    private void drop(long userId) {
        generation.incrementAndGet();
        states.remove(userId);
        holders.remove(userId);
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

    /** The numeric id a key of a directory that assigns ids stands for; {@code null} for a key that is none. */
    private static Long idOf(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A user's directory entry and account state, copied together. */
    record Holder(DirectoryUser entry, AccountState state) {
    }

    /** A directory with this copy beside it. */
    final class CopiedDirectory implements UserDirectory {

        private final UserDirectory directory;

        CopiedDirectory(UserDirectory directory) {
            this.directory = directory;
        }

        @Override
        public String name() {
            return directory.name();
        }

        @Override
        public Set<DirectoryCapability> capabilities() {
            return directory.capabilities();
        }

        @Override
        public boolean assignsIds() {
            return true;
        }

        /**
         * The user's entry and state as a check of a presented token sees them: both from the
         * copy, copied together, or both read afresh, the state before the entry (so a deletion
         * committing between the two reads leaves no entry, never an entry with the erased state),
         * and copied together when no report arrived meanwhile. Empty when there is no such user.
         */
        Optional<Holder> holder(long id) {
            boolean current = isCurrent();
            if (current) {
                Holder copied = holders.get(id);
                if (copied != null) {
                    userHits.increment();
                    return Optional.of(copied);
                }
            }
            userMisses.increment();
            long before = generation.get();
            AccountState state = store.stateOf(id);
            Optional<DirectoryUser> entry = directory.findByKey(Long.toString(id));
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            Holder read = new Holder(entry.get(), state);
            if (current && isCurrent()) {
                Bounded.makeRoom(holders.keySet(), capacity);
                holders.put(id, read);
                if (generation.get() != before) {
                    holders.remove(id, read);
                }
            }
            return Optional.of(read);
        }

        @Override
        public Optional<DirectoryUser> findByKey(String key) {
            return directory.findByKey(key);
        }

        @Override
        public Optional<DirectoryUser> findByEmail(Email email) {
            return directory.findByEmail(email);
        }

        @Override
        public boolean checkPassword(DirectoryUser user, String password) {
            return directory.checkPassword(user, password);
        }

        @Override
        public void checkNoOnesPassword(String password) {
            directory.checkNoOnesPassword(password);
        }

        @Override
        public DirectoryUser register(NewDirectoryUser user) {
            return directory.register(user);
        }

        @Override
        public List<DirectoryUser> registerAll(List<NewDirectoryUser> newUsers) {
            return directory.registerAll(newUsers);
        }

        @Override
        public Set<Email> takenEmails(Collection<Email> emails) {
            return directory.takenEmails(emails);
        }

        @Override
        public boolean markConfirmed(String key, Instant at) {
            return changing(key, () -> directory.markConfirmed(key, at));
        }

        @Override
        public boolean setPasswordHash(String key, String passwordHash, Instant at) {
            return changing(key, () -> directory.setPasswordHash(key, passwordHash, at));
        }

        @Override
        public boolean updateNames(String key, String firstname, String lastname, Instant at) {
            return changing(key, () -> directory.updateNames(key, firstname, lastname, at));
        }

        @Override
        public boolean changeEmail(String key, Email email, Instant at) {
            return changing(key, () -> directory.changeEmail(key, email, at));
        }

        @Override
        public boolean updateLanguage(String key, String language, Instant at) {
            return changing(key, () -> directory.updateLanguage(key, language, at));
        }

        @Override
        public List<DirectoryUser> search(String prefix, String afterKey, int limit) {
            return directory.search(prefix, afterKey, limit);
        }

        @Override
        public Optional<String> passwordHash(String key) {
            return directory.passwordHash(key);
        }

        @Override
        public boolean delete(String key) {
            return changing(key, () -> directory.delete(key));
        }

        private boolean changing(String key, Supplier<Boolean> change) {
            try {
                return change.get();
            } finally {
                Long id = idOf(key);
                if (id != null) {
                    CachedAccountState.this.changing(id);
                }
            }
        }

        @Override
        public String toString() {
            return directory.toString();
        }
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
