package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.MutableClock;
import io.userservice.core.domain.AccountState;
import io.userservice.core.domain.Role;
import io.userservice.core.memory.InMemoryAccountState;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.port.out.AccountStatePort;
import io.userservice.core.port.out.ServiceState;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The copy of account state in front of the store: the store is changed behind the copy's back
 * (as another instance would) to see when the copy notices.
 */
class CachedAccountStateTest {

    private static final Duration MAX_LAG = Duration.ofMillis(200);
    private static final long ANN = 7;

    private final MutableClock clock = MutableClock.atSomeMoment();
    private final InMemoryAccountState store = new InMemoryAccountState();
    private final CachedAccountState cache = new CachedAccountState(store, 100, MAX_LAG, clock);

    private void caughtUpNow() {
        cache.caughtUp(clock.instant());
    }

    @Test
    void beforeTheFeedHasCaughtUpEveryReadGoesToTheStore() {
        cache.lostTrack();
        cache.stateOf(ANN);
        store.deactivate(ANN, clock.instant());

        assertThat(cache.stateOf(ANN).deactivatedAt()).isNotNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void whileCaughtUpARepeatedReadIsAnsweredFromTheCopyUntilTheChangeIsReported() {
        caughtUpNow();
        cache.stateOf(ANN);
        store.deactivate(ANN, clock.instant());

        assertThat(cache.stateOf(ANN).deactivatedAt()).as("not reported yet").isNull();
        cache.changed(ANN);
        assertThat(cache.stateOf(ANN).deactivatedAt()).isNotNull();
        assertThat(cache.hits()).isEqualTo(1);
    }

    @Test
    void aFeedThatFellBehindTheBoundMakesEveryReadGoToTheStore() {
        caughtUpNow();
        cache.stateOf(ANN);
        store.deactivate(ANN, clock.instant());
        clock.advance(MAX_LAG);

        assertThat(cache.isCurrent()).isFalse();
        assertThat(cache.stateOf(ANN).deactivatedAt()).isNotNull();
        caughtUpNow();
        assertThat(cache.isCurrent()).isTrue();
    }

    @Test
    void aCaughtUpReportFromBeforeTheLastOneDoesNotMoveTheBoundBack() {
        caughtUpNow();
        cache.caughtUp(clock.instant().minus(MAX_LAG));

        assertThat(cache.isCurrent()).isTrue();
    }

    @Test
    void losingTrackDropsTheWholeCopyAndReadsGoToTheStoreUntilCaughtUpAgain() {
        caughtUpNow();
        cache.stateOf(ANN);
        store.grant(ANN, new Role("admin"));
        cache.lostTrack();

        assertThat(cache.size()).isZero();
        assertThat(cache.isCurrent()).isFalse();
        assertThat(cache.stateOf(ANN).roles()).containsExactly(new Role("admin"));
        assertThat(cache.size()).isZero();
        caughtUpNow();
        store.revoke(ANN, new Role("admin"));
        assertThat(cache.stateOf(ANN).roles()).isEmpty();
    }

    @Test
    void aChangeMadeThroughThisInstanceIsSeenAtOnce() {
        caughtUpNow();
        Role admin = new Role("admin");
        cache.stateOf(ANN);

        cache.grant(ANN, admin);
        assertThat(cache.stateOf(ANN).roles()).containsExactly(admin);
        cache.revoke(ANN, admin);
        assertThat(cache.stateOf(ANN).roles()).isEmpty();
        cache.passwordChanged(ANN, clock.instant());
        assertThat(cache.stateOf(ANN).credentialEpoch()).isEqualTo(2);
        cache.deactivate(ANN, clock.instant());
        assertThat(cache.stateOf(ANN).deactivatedAt()).isNotNull();
        cache.reactivate(ANN);
        assertThat(cache.stateOf(ANN).deactivatedAt()).isNull();
        cache.signedOutEverywhere(ANN, clock.instant());
        assertThat(cache.stateOf(ANN).credentialEpoch()).isEqualTo(4);
        assertThat(cache.passwordChangedIfEpoch(ANN, 4, clock.instant())).isTrue();
        assertThat(cache.stateOf(ANN).credentialEpoch()).isEqualTo(5);
        cache.erase(ANN);
        assertThat(cache.stateOf(ANN)).isEqualTo(AccountState.initial());
    }

    @Test
    void aReadThatRacedAReportedChangeDoesNotKeepWhatItRead() {
        AtomicReference<Runnable> duringRead = new AtomicReference<>(() -> { });
        AccountStatePort slowStore = new DelegatingAccountState(store) {
            @Override
            public AccountState stateOf(long userId) {
                AccountState before = store.stateOf(userId);
                duringRead.getAndSet(() -> { }).run();
                return before;
            }
        };
        CachedAccountState racing = new CachedAccountState(slowStore, 100, MAX_LAG, clock);
        racing.caughtUp(clock.instant());
        duringRead.set(() -> {
            store.deactivate(ANN, clock.instant());
            racing.changed(ANN);
        });

        assertThat(racing.stateOf(ANN).deactivatedAt()).as("read before the change").isNull();
        assertThat(racing.size()).isZero();
        assertThat(racing.stateOf(ANN).deactivatedAt()).isNotNull();
    }

    @Test
    void aStateCopiedWhileAChangeWasUncommittedIsDroppedWhenTheTransactionEnds() {
        ServiceState state = InMemoryServiceState.create();
        AtomicReference<AccountState> committed = new AtomicReference<>(AccountState.initial());
        AccountStatePort uncommitted = new DelegatingAccountState(state.accounts()) {
            @Override
            public AccountState stateOf(long userId) {
                return committed.get();
            }
        };
        ServiceState withUncommitted = state.withAccounts(uncommitted, state.transactions());
        CachedAccountState cached = new CachedAccountState(uncommitted, 100, MAX_LAG, clock);
        ServiceState wrapped = cached.around(withUncommitted);
        cached.caughtUp(clock.instant());

        wrapped.transactions().run(() -> {
            wrapped.accounts().deactivate(ANN, clock.instant());
            // another request reads the state before this transaction commits
            assertThat(wrapped.accounts().stateOf(ANN).deactivatedAt()).isNull();
            committed.set(AccountState.initial().deactivated(clock.instant()));
        });

        assertThat(wrapped.accounts().stateOf(ANN).deactivatedAt()).isNotNull();
    }

    @Test
    void theCopyHoldsAtMostItsCapacity() {
        CachedAccountState small = new CachedAccountState(store, 10, MAX_LAG, clock);
        small.caughtUp(clock.instant());
        for (long id = 1; id <= 50; id++) {
            small.stateOf(id);
        }

        assertThat(small.size()).isLessThanOrEqualTo(10);
    }

    @Test
    void aFullCopyDropsATenthOfItsEntriesToMakeRoom() {
        CachedAccountState twenty = new CachedAccountState(store, 20, MAX_LAG, clock);
        twenty.caughtUp(clock.instant());
        for (long id = 1; id <= 20; id++) {
            twenty.stateOf(id);
        }
        assertThat(twenty.size()).isEqualTo(20);

        twenty.stateOf(21);

        assertThat(twenty.size()).isEqualTo(19);
        assertThat(twenty.misses()).isEqualTo(21);
        assertThat(twenty.hits()).isZero();
    }

    @Test
    void aCopyOfOneEntryKeepsTheLatestRead() {
        CachedAccountState one = new CachedAccountState(store, 1, MAX_LAG, clock);
        one.caughtUp(clock.instant());

        one.stateOf(1);
        one.stateOf(2);
        one.stateOf(2);

        assertThat(one.size()).isEqualTo(1);
        assertThat(one.hits()).isEqualTo(1);
        assertThat(one.misses()).isEqualTo(2);
    }

    @Test
    void readsThatGoToTheStoreAreCountedAsMisses() {
        cache.stateOf(ANN);
        caughtUpNow();
        cache.stateOf(ANN);
        cache.stateOf(ANN);

        assertThat(cache.misses()).isEqualTo(2);
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void theStoresAnswersToConditionalChangesArePassedOn() {
        caughtUpNow();
        Role admin = new Role("admin");

        assertThat(cache.grant(ANN, admin)).isTrue();
        assertThat(cache.grant(ANN, admin)).isFalse();
        assertThat(cache.revoke(ANN, admin)).isTrue();
        assertThat(cache.revoke(ANN, admin)).isFalse();
        long epoch = cache.stateOf(ANN).credentialEpoch();
        assertThat(cache.passwordChangedIfEpoch(ANN, epoch + 1, clock.instant())).isFalse();
        assertThat(cache.stateOf(ANN).credentialEpoch()).isEqualTo(epoch);
    }

    @Test
    void theTransactionsInFrontOfTheStoreReturnWhatTheWorkReturns() {
        ServiceState state = InMemoryServiceState.create();
        ServiceState wrapped = new CachedAccountState(state.accounts(), 10, MAX_LAG, clock).around(state);

        assertThat(wrapped.transactions().inTransaction(() -> wrapped.transactions().inTransaction(() -> 42)))
                .isEqualTo(42);
    }

    @Test
    void eachTransactionDropsWhatItChangedOnceItEnds() {
        ServiceState state = InMemoryServiceState.create();
        AtomicReference<AccountState> committed = new AtomicReference<>(AccountState.initial());
        AccountStatePort uncommitted = new DelegatingAccountState(state.accounts()) {
            @Override
            public AccountState stateOf(long userId) {
                return committed.get();
            }
        };
        CachedAccountState cached = new CachedAccountState(uncommitted, 100, MAX_LAG, clock);
        ServiceState wrapped = cached.around(state.withAccounts(uncommitted, state.transactions()));
        cached.caughtUp(clock.instant());
        wrapped.transactions().run(() -> wrapped.accounts().stateOf(ANN));

        wrapped.transactions().run(() -> {
            wrapped.accounts().deactivate(ANN, clock.instant());
            wrapped.accounts().stateOf(ANN);
            committed.set(AccountState.initial().deactivated(clock.instant()));
        });

        assertThat(wrapped.accounts().stateOf(ANN).deactivatedAt()).isNotNull();
    }

    @Test
    void standsOnlyInFrontOfItsOwnStore() {
        assertThatThrownBy(() -> cache.around(InMemoryServiceState.create()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CachedAccountState(store, 0, MAX_LAG, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
