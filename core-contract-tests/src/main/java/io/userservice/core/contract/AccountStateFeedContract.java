package io.userservice.core.contract;

import static io.userservice.core.contract.StoreFixtures.T0;
import static io.userservice.core.contract.StoreFixtures.aUserId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.NewDirectoryUser;
import io.userservice.core.domain.Role;
import io.userservice.core.port.out.AccountStateFeed;
import io.userservice.core.port.out.AccountStatePort;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.UserDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AccountStateFeed} must do: report each committed change of account state made
 * on any instance of the store, none that was rolled back, and say it is caught up to an instant
 * only after reporting every change committed before it. A store runs it by extending this class
 * with the state of one instance and a feed of another instance on the same store.
 */
public abstract class AccountStateFeedContract {

    /** How long a test waits for the feed to report what it must; a wait, not a measurement. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    protected static final Duration INTERVAL = Duration.ofMillis(50);

    private final Recording heard = new Recording();
    private ServiceState state;
    private AccountStateFeed feed;

    /** The state of one instance on a fresh store; called before each test, before {@link #feedOfAnotherInstance}. */
    protected abstract ServiceState newState();

    /** A feed, checking every {@code interval}, of a second instance on the store {@link #newState} made. */
    protected abstract AccountStateFeed feedOfAnotherInstance(Duration interval);

    /**
     * The built-in directory of the instance {@link #newState} made, whose changes of an entry the
     * feed reports as it reports changes of state.
     */
    protected abstract UserDirectory directory();

    @BeforeEach
    void follow() {
        state = newState();
        feed = feedOfAnotherInstance(INTERVAL);
        feed.start(heard);
        heard.await(event -> event instanceof CaughtUp);
    }

    /** Closes the feed, if the set-up got as far as making one (a store that is not there skips the test before). */
    @AfterEach
    void stop() {
        if (feed != null) {
            feed.close();
        }
    }

    @Test
    void theFeedStartsByLosingTrackAndThenCatchesUp() {
        assertThat(heard.events().get(0)).isInstanceOf(LostTrack.class);
    }

    @Test
    void everyKindOfCommittedChangeIsReported() {
        AccountStatePort accounts = state.accounts();
        long[] users = {aUserId(), aUserId(), aUserId(), aUserId(), aUserId(), aUserId(), aUserId(), aUserId(),
                aUserId()};
        Role admin = new Role("admin");
        accounts.passwordChanged(users[0], T0);
        accounts.passwordChangedIfEpoch(users[1], 0, T0);
        accounts.deactivate(users[2], T0);
        accounts.deactivate(users[3], T0);
        accounts.reactivate(users[3]);
        accounts.grant(users[4], admin);
        accounts.grant(users[5], admin);
        accounts.revoke(users[5], admin);
        accounts.signedOutEverywhere(users[6], T0);
        accounts.grant(users[7], admin);
        accounts.erase(users[7]);
        state.transactions().run(() -> accounts.deactivate(users[8], T0));

        for (long user : users) {
            heard.await(event -> event instanceof Changed changed && changed.userId() == user);
        }
    }

    @Test
    void everyKindOfCommittedChangeOfADirectoryEntryIsReported() {
        UserDirectory directory = directory();
        List<DirectoryUser> users = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            users.add(directory.register(new NewDirectoryUser(UUID.randomUUID(),
                    Email.of("feed" + i + "-" + UUID.randomUUID() + "@example.com"), "$2a$04$notahashatall", "Ann",
                    "Old", "en", false, T0)));
        }
        directory.updateNames(users.get(0).key(), "Ann", "New", T0);
        directory.changeEmail(users.get(1).key(), Email.of("moved-" + UUID.randomUUID() + "@example.com"), T0);
        directory.updateLanguage(users.get(2).key(), "de", T0);
        directory.markConfirmed(users.get(3).key(), T0);
        directory.setPasswordHash(users.get(4).key(), "$2a$04$anotherhashatall", T0);
        directory.delete(users.get(5).key());

        for (DirectoryUser user : users) {
            heard.await(event -> event instanceof Changed changed && changed.userId() == user.id());
        }
    }

    @Test
    void aRolledBackChangeOfADirectoryEntryIsReportedToNoOne() {
        DirectoryUser ann = directory().register(new NewDirectoryUser(UUID.randomUUID(),
                Email.of("rolled-back-" + UUID.randomUUID() + "@example.com"), "$2a$04$notahashatall", "Ann", "Old",
                "en", true, T0));
        assertThatThrownBy(() -> state.transactions().run(() -> {
            directory().updateNames(ann.key(), "Ann", "New", T0);
            throw new IllegalStateException("the rest of the work failed");
        })).isInstanceOf(IllegalStateException.class);
        long bob = aUserId();
        state.accounts().deactivate(bob, T0);
        Instant committed = Instant.now();

        heard.await(event -> event instanceof CaughtUp caughtUp && caughtUp.checkStartedAt().isAfter(committed));
        assertThat(heard.events()).contains(new Changed(bob)).doesNotContain(new Changed(ann.id()));
        assertThat(directory().findByKey(ann.key()).orElseThrow().lastname()).isEqualTo("Old");
    }

    @Test
    void aChangeCommittedBeforeTheFeedSaysItCaughtUpHasBeenReportedBeforeThat() {
        long ann = aUserId();
        state.accounts().deactivate(ann, T0);
        Instant committed = Instant.now();

        int caughtUpAfter = heard.await(event -> event instanceof CaughtUp caughtUp
                && caughtUp.checkStartedAt().isAfter(committed));
        List<Object> before = heard.events().subList(0, caughtUpAfter);
        assertThat(before).contains(new Changed(ann));
    }

    @Test
    void aRolledBackChangeIsReportedToNoOne() {
        long ann = aUserId();
        long bob = aUserId();
        assertThatThrownBy(() -> state.transactions().run(() -> {
            state.accounts().deactivate(ann, T0);
            throw new IllegalStateException("the rest of the work failed");
        })).isInstanceOf(IllegalStateException.class);
        state.accounts().deactivate(bob, T0);
        Instant committed = Instant.now();

        heard.await(event -> event instanceof CaughtUp caughtUp && caughtUp.checkStartedAt().isAfter(committed));
        assertThat(heard.events()).contains(new Changed(bob)).doesNotContain(new Changed(ann));
        assertThat(state.accounts().stateOf(ann).deactivatedAt()).isNull();
    }

    /** What the subscriber heard, in order. */
    private static final class Recording implements AccountStateFeed.Subscriber {

        private final List<Object> events = new ArrayList<>();

        @Override
        public synchronized void changed(long userId) {
            events.add(new Changed(userId));
            notifyAll();
        }

        @Override
        public synchronized void caughtUp(Instant checkStartedAt) {
            events.add(new CaughtUp(checkStartedAt));
            notifyAll();
        }

        @Override
        public synchronized void lostTrack() {
            events.add(new LostTrack());
            notifyAll();
        }

        synchronized List<Object> events() {
            return List.copyOf(events);
        }

        /** Waits for an event that matches; its index. */
        synchronized int await(Predicate<Object> match) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            int from = 0;
            while (true) {
                for (int i = from; i < events.size(); i++) {
                    if (match.test(events.get(i))) {
                        return i;
                    }
                }
                from = events.size();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the feed did not report it within " + PATIENCE + "; heard " + events);
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    private record Changed(long userId) {
    }

    private record CaughtUp(Instant checkStartedAt) {
    }

    private record LostTrack() {
    }
}
