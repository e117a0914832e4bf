package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.DirectoryWrapper;
import io.userservice.core.MutableClock;
import io.userservice.core.crypto.BcryptPasswordHasher;
import io.userservice.core.domain.AccountState;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.NewDirectoryUser;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.port.out.AccountStatePort;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.UserDirectory;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The copy of directory entries in front of the built-in directory: the directory is changed
 * behind the copy's back (as another instance would) to see when the copy notices.
 */
class CopiedDirectoryTest {

    private static final Duration MAX_LAG = Duration.ofMillis(200);
    private static final String HASH = new BcryptPasswordHasher(4).hash("correct horse battery");

    private final MutableClock clock = MutableClock.atSomeMoment();
    private final ServiceState state = InMemoryServiceState.create();
    private final InMemoryUserDirectory directory = new InMemoryUserDirectory(new BcryptPasswordHasher(4));
    private final CachedAccountState copy = new CachedAccountState(state.accounts(), 100, MAX_LAG, clock);
    private final CachedAccountState.CopiedDirectory copied = (CachedAccountState.CopiedDirectory) copy.around(directory);

    private DirectoryUser ann() {
        return directory.register(new NewDirectoryUser(UUID.randomUUID(), Email.of("ann@example.com"), HASH, "Ann",
                "Old", "en", false, clock.instant()));
    }

    private String lastnameOf(DirectoryUser user) {
        return copied.holder(user.id()).orElseThrow().entry().lastname();
    }

    @Test
    void whileCaughtUpAHolderIsAnsweredFromTheCopyUntilAChangeIsReported() {
        copy.caughtUp(clock.instant());
        DirectoryUser ann = ann();
        lastnameOf(ann);
        directory.updateNames(ann.key(), "Ann", "New", clock.instant());
        state.accounts().deactivate(ann.id(), clock.instant());

        CachedAccountState.Holder stale = copied.holder(ann.id()).orElseThrow();
        assertThat(stale.entry().lastname()).as("not reported yet").isEqualTo("Old");
        assertThat(stale.state().deactivatedAt()).isNull();
        copy.changed(ann.id());
        CachedAccountState.Holder fresh = copied.holder(ann.id()).orElseThrow();
        assertThat(fresh.entry().lastname()).isEqualTo("New");
        assertThat(fresh.state().deactivatedAt()).isNotNull();
        assertThat(copy.userHits()).isEqualTo(1);
        assertThat(copy.userMisses()).isEqualTo(2);
    }

    @Test
    void findingByKeyAlwaysAsksTheDirectory() {
        copy.caughtUp(clock.instant());
        DirectoryUser ann = ann();
        lastnameOf(ann);
        directory.updateNames(ann.key(), "Ann", "New", clock.instant());

        assertThat(copied.findByKey(ann.key()).orElseThrow().lastname()).isEqualTo("New");
    }

    @Test
    void beforeTheFeedHasCaughtUpEveryCheckReadsTheStoresAndNothingIsCopied() {
        copy.lostTrack();
        DirectoryUser ann = ann();
        lastnameOf(ann);
        directory.updateNames(ann.key(), "Ann", "New", clock.instant());

        assertThat(lastnameOf(ann)).isEqualTo("New");
        assertThat(copy.userCount()).isZero();
    }

    @Test
    void aFeedThatFellBehindTheBoundMakesEveryCheckReadTheStores() {
        copy.caughtUp(clock.instant());
        DirectoryUser ann = ann();
        lastnameOf(ann);
        directory.updateNames(ann.key(), "Ann", "New", clock.instant());
        clock.advance(MAX_LAG);

        assertThat(lastnameOf(ann)).isEqualTo("New");
    }

    @Test
    void losingTrackDropsEveryCopiedHolder() {
        copy.caughtUp(clock.instant());
        DirectoryUser ann = ann();
        lastnameOf(ann);
        directory.updateNames(ann.key(), "Ann", "New", clock.instant());
        copy.lostTrack();
        copy.caughtUp(clock.instant());

        assertThat(copy.userCount()).isZero();
        assertThat(lastnameOf(ann)).isEqualTo("New");
    }

    @Test
    void everyChangeMadeThroughTheCopiedDirectoryIsSeenAtOnce() {
        copy.caughtUp(clock.instant());
        List<Consumer<DirectoryUser>> changes = List.of(
                user -> copied.updateNames(user.key(), "Ann", "Renamed", clock.instant()),
                user -> copied.changeEmail(user.key(), Email.of("moved-" + user.id() + "@example.com"), clock.instant()),
                user -> copied.updateLanguage(user.key(), "de", clock.instant()),
                user -> copied.markConfirmed(user.key(), clock.instant()));
        List<Function<DirectoryUser, Object>> fields = List.of(
                DirectoryUser::lastname, DirectoryUser::email, DirectoryUser::language, DirectoryUser::confirmed);
        for (int i = 0; i < changes.size(); i++) {
            DirectoryUser user = directory.register(new NewDirectoryUser(UUID.randomUUID(),
                    Email.of("user" + i + "@example.com"), HASH, "Ann", "Old", "en", false, clock.instant()));
            Object before = fields.get(i).apply(copied.holder(user.id()).orElseThrow().entry());

            changes.get(i).accept(user);

            assertThat(fields.get(i).apply(copied.holder(user.id()).orElseThrow().entry())).as("change " + i)
                    .isNotEqualTo(before);
        }
    }

    @Test
    void aPasswordChangeAndADeletionThroughTheCopiedDirectoryAreSeenAtOnce() {
        copy.caughtUp(clock.instant());
        DirectoryUser ann = ann();
        DirectoryUser before = copied.holder(ann.id()).orElseThrow().entry();
        clock.advance(Duration.ofSeconds(1));

        copied.setPasswordHash(ann.key(), new BcryptPasswordHasher(4).hash("another long password"), clock.instant());
        assertThat(copied.holder(ann.id()).orElseThrow().entry().updatedAt()).isAfter(before.updatedAt());
        copied.delete(ann.key());
        assertThat(copied.holder(ann.id())).isEmpty();
    }

    @Test
    void aChangeThatFailsStillDropsTheHolder() {
        UserDirectory failing = new DirectoryWrapper(directory) {
            @Override
            public boolean updateNames(String key, String firstname, String lastname, Instant at) {
                users.updateNames(key, firstname, lastname, at);
                throw new IllegalStateException("the store failed after writing");
            }
        };
        CachedAccountState.CopiedDirectory front = (CachedAccountState.CopiedDirectory) copy.around(failing);
        copy.caughtUp(clock.instant());
        DirectoryUser ann = ann();
        front.holder(ann.id());

        assertThatThrownBy(() -> front.updateNames(ann.key(), "Ann", "New", clock.instant()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(front.holder(ann.id()).orElseThrow().entry().lastname()).isEqualTo("New");
    }

    /**
     * A deletion erases the state as well; an entry copied before it must never be answered with
     * the erased state, which would take a token that an earlier password change had revoked.
     */
    @Test
    void anEntryIsNeverPairedWithAStateReadAfterIt() {
        copy.caughtUp(clock.instant());
        DirectoryUser ann = ann();
        state.accounts().passwordChanged(ann.id(), clock.instant());
        long epoch = state.accounts().stateOf(ann.id()).credentialEpoch();
        copied.holder(ann.id());
        // deleted on another instance, not reported yet; this instance then reads the erased state elsewhere
        directory.delete(ann.key());
        state.accounts().erase(ann.id());
        copy.stateOf(ann.id());

        Optional<CachedAccountState.Holder> held = copied.holder(ann.id());
        assertThat(held).hasValueSatisfying(h -> assertThat(h.state().credentialEpoch()).isEqualTo(epoch));
        copy.changed(ann.id());
        assertThat(copied.holder(ann.id())).isEmpty();
    }

    /** Read afresh, the state comes first: a deletion between the two reads leaves no entry. */
    @Test
    void aDeletionCommittedBetweenTheTwoReadsLeavesNoHolder() {
        DirectoryUser ann = ann();
        state.accounts().passwordChanged(ann.id(), clock.instant());
        AtomicReference<Runnable> afterStateRead = new AtomicReference<>(() -> { });
        AccountStatePort deletingStore = new DelegatingAccountState(state.accounts()) {
            @Override
            public AccountState stateOf(long userId) {
                AccountState read = super.stateOf(userId);
                afterStateRead.get().run();
                return read;
            }
        };
        CachedAccountState racing = new CachedAccountState(deletingStore, 100, MAX_LAG, clock);
        CachedAccountState.CopiedDirectory front = (CachedAccountState.CopiedDirectory) racing.around(directory);
        racing.caughtUp(clock.instant());
        afterStateRead.set(() -> {
            directory.delete(ann.key());
            state.accounts().erase(ann.id());
        });

        assertThat(front.holder(ann.id())).isEmpty();
    }

    @Test
    void aReadThatRacedAReportedChangeDoesNotKeepWhatItRead() {
        AtomicReference<Runnable> duringRead = new AtomicReference<>(() -> { });
        UserDirectory slow = new DirectoryWrapper(directory) {
            @Override
            public Optional<DirectoryUser> findByKey(String key) {
                Optional<DirectoryUser> found = super.findByKey(key);
                duringRead.get().run();
                return found;
            }
        };
        CachedAccountState.CopiedDirectory racing = (CachedAccountState.CopiedDirectory) copy.around(slow);
        copy.caughtUp(clock.instant());
        DirectoryUser ann = ann();
        duringRead.set(() -> {
            directory.updateNames(ann.key(), "Ann", "New", clock.instant());
            copy.changed(ann.id());
        });

        assertThat(racing.holder(ann.id()).orElseThrow().entry().lastname()).isEqualTo("Old");
        duringRead.set(() -> { });
        assertThat(racing.holder(ann.id()).orElseThrow().entry().lastname()).isEqualTo("New");
    }

    @Test
    void aHolderReadWhileItsChangeWasUncommittedIsDroppedWhenTheTransactionEnds() {
        AtomicReference<String> committedLastname = new AtomicReference<>("Old");
        UserDirectory uncommitted = new DirectoryWrapper(directory) {
            @Override
            public Optional<DirectoryUser> findByKey(String key) {
                return super.findByKey(key).map(user -> new DirectoryUser(user.key(), user.id(), user.uniqueId(),
                        user.email(), user.firstname(), committedLastname.get(), user.language(),
                        user.permissionLevel(), user.roles(), user.confirmed(), user.createdAt(), user.updatedAt()));
            }

            @Override
            public boolean updateNames(String key, String firstname, String lastname, Instant at) {
                return users.updateNames(key, firstname, lastname, at);
            }
        };
        CachedAccountState.CopiedDirectory front = (CachedAccountState.CopiedDirectory) copy.around(uncommitted);
        ServiceState wrapped = copy.around(state);
        copy.caughtUp(clock.instant());
        DirectoryUser ann = ann();

        wrapped.transactions().run(() -> {
            front.updateNames(ann.key(), "Ann", "New", clock.instant());
            // another request checks a token of the user before this transaction commits
            assertThat(front.holder(ann.id()).orElseThrow().entry().lastname()).isEqualTo("Old");
            committedLastname.set("New");
        });

        assertThat(front.holder(ann.id()).orElseThrow().entry().lastname()).isEqualTo("New");
    }

    @Test
    void aReportedChangeOfStateDropsTheHolderToo() {
        copy.caughtUp(clock.instant());
        DirectoryUser ann = ann();
        lastnameOf(ann);
        copy.changed(ann.id());

        assertThat(copy.userCount()).isZero();
    }

    @Test
    void anAbsentUserIsNotCopied() {
        copy.caughtUp(clock.instant());

        assertThat(copied.holder(424242)).isEmpty();
        assertThat(copy.userCount()).isZero();
        DirectoryUser registered = ann();
        assertThat(copied.holder(registered.id())).isPresent();
        assertThat(copy.userCount()).isOne();
    }

    @Test
    void theCopyHoldsAtMostItsCapacityOfHolders() {
        CachedAccountState small = new CachedAccountState(state.accounts(), 10, MAX_LAG, clock);
        CachedAccountState.CopiedDirectory front = (CachedAccountState.CopiedDirectory) small.around(directory);
        small.caughtUp(clock.instant());
        for (int i = 0; i < 30; i++) {
            DirectoryUser user = directory.register(new NewDirectoryUser(UUID.randomUUID(),
                    Email.of("many" + i + "@example.com"), HASH, null, null, "en", false, clock.instant()));
            front.holder(user.id());
        }

        assertThat(small.userCount()).isLessThanOrEqualTo(10);
    }

    /** A method the interface gains later must be passed on, not left to a default that refuses. */
    @Test
    void everyMethodOfTheDirectoryIsPassedOn() throws NoSuchMethodException {
        for (Method method : UserDirectory.class.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            Method declared = copied.getClass().getDeclaredMethod(method.getName(), method.getParameterTypes());
            assertThat(declared.getDeclaringClass()).as(method.getName()).isEqualTo(copied.getClass());
        }
        DirectoryUser ann = ann();
        assertThat(copied.search("ann", null, 10)).extracting(DirectoryUser::key).containsExactly(ann.key());
        assertThat(copied.passwordHash(ann.key())).isEqualTo(directory.passwordHash(ann.key()));
        assertThat(copied.takenEmails(List.of(Email.of("ann@example.com")))).containsExactly(Email.of("ann@example.com"));
        assertThat(copied.checkPassword(ann, "correct horse battery")).isTrue();
        assertThat(copied.name()).isEqualTo(directory.name());
        assertThat(copied.capabilities()).isEqualTo(directory.capabilities());
    }

    @Test
    void onlyADirectoryWhoseKeysAreItsIdsIsCopied() {
        UserDirectory keyed = new DirectoryWrapper(directory) {
            @Override
            public boolean assignsIds() {
                return false;
            }
        };

        assertThatThrownBy(() -> copy.around(keyed)).isInstanceOf(IllegalArgumentException.class);
    }
}
