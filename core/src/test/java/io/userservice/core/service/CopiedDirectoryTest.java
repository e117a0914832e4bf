package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.MutableClock;
import io.userservice.core.crypto.BcryptPasswordHasher;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.NewDirectoryUser;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.UserDirectory;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
    private final UserDirectory copied = copy.around(directory);

    private DirectoryUser ann() {
        return directory.register(new NewDirectoryUser(UUID.randomUUID(), Email.of("ann@example.com"), HASH, "Ann",
                "Old", "en", false, clock.instant()));
    }

    private String lastnameOf(DirectoryUser user) {
        return copied.findByKey(user.key()).orElseThrow().lastname();
    }

    @Test
    void whileCaughtUpAnEntryIsAnsweredFromTheCopyUntilItsChangeIsReported() {
        copy.caughtUp(clock.instant());
        DirectoryUser ann = ann();
        lastnameOf(ann);
        directory.updateNames(ann.key(), "Ann", "New", clock.instant());

        assertThat(lastnameOf(ann)).as("not reported yet").isEqualTo("Old");
        copy.changed(ann.id());
        assertThat(lastnameOf(ann)).isEqualTo("New");
        assertThat(copy.userHits()).isEqualTo(1);
        assertThat(copy.userMisses()).isEqualTo(2);
    }

    @Test
    void beforeTheFeedHasCaughtUpEveryReadGoesToTheDirectoryAndNothingIsCopied() {
        copy.lostTrack();
        DirectoryUser ann = ann();
        lastnameOf(ann);
        directory.updateNames(ann.key(), "Ann", "New", clock.instant());

        assertThat(lastnameOf(ann)).isEqualTo("New");
        assertThat(copy.userCount()).isZero();
    }

    @Test
    void aFeedThatFellBehindTheBoundMakesEveryReadGoToTheDirectory() {
        copy.caughtUp(clock.instant());
        DirectoryUser ann = ann();
        lastnameOf(ann);
        directory.updateNames(ann.key(), "Ann", "New", clock.instant());
        clock.advance(MAX_LAG);

        assertThat(lastnameOf(ann)).isEqualTo("New");
    }

    @Test
    void losingTrackDropsEveryCopiedEntry() {
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
            Object before = fields.get(i).apply(copied.findByKey(user.key()).orElseThrow());

            changes.get(i).accept(user);

            assertThat(fields.get(i).apply(copied.findByKey(user.key()).orElseThrow())).as("change " + i)
                    .isNotEqualTo(before);
        }
    }

    @Test
    void aPasswordChangeAndADeletionThroughTheCopiedDirectoryAreSeenAtOnce() {
        copy.caughtUp(clock.instant());
        DirectoryUser ann = ann();
        DirectoryUser before = copied.findByKey(ann.key()).orElseThrow();
        clock.advance(Duration.ofSeconds(1));

        copied.setPasswordHash(ann.key(), new BcryptPasswordHasher(4).hash("another long password"), clock.instant());
        assertThat(copied.findByKey(ann.key()).orElseThrow().updatedAt()).isAfter(before.updatedAt());
        copied.delete(ann.key());
        assertThat(copied.findByKey(ann.key())).isEmpty();
    }

    @Test
    void aReadThatRacedAReportedChangeDoesNotKeepWhatItRead() {
        AtomicReference<Runnable> duringRead = new AtomicReference<>(() -> { });
        UserDirectory slow = new DelegatingDirectory(directory) {
            @Override
            public Optional<DirectoryUser> findByKey(String key) {
                Optional<DirectoryUser> found = super.findByKey(key);
                duringRead.get().run();
                return found;
            }
        };
        UserDirectory racing = copy.around(slow);
        copy.caughtUp(clock.instant());
        DirectoryUser ann = ann();
        duringRead.set(() -> {
            directory.updateNames(ann.key(), "Ann", "New", clock.instant());
            copy.changed(ann.id());
        });

        assertThat(racing.findByKey(ann.key()).orElseThrow().lastname()).isEqualTo("Old");
        duringRead.set(() -> { });
        assertThat(racing.findByKey(ann.key()).orElseThrow().lastname()).isEqualTo("New");
    }

    @Test
    void anEntryReadInsideTheTransactionThatChangesItIsDroppedWhenTheTransactionEnds() {
        AtomicReference<String> committedLastname = new AtomicReference<>("Old");
        UserDirectory uncommitted = new DelegatingDirectory(directory) {
            @Override
            public Optional<DirectoryUser> findByKey(String key) {
                return super.findByKey(key).map(user -> new DirectoryUser(user.key(), user.id(), user.uniqueId(),
                        user.email(), user.firstname(), committedLastname.get(), user.language(),
                        user.permissionLevel(), user.roles(), user.confirmed(), user.createdAt(), user.updatedAt()));
            }
        };
        UserDirectory front = copy.around(uncommitted);
        ServiceState wrapped = copy.around(state);
        copy.caughtUp(clock.instant());
        DirectoryUser ann = ann();

        wrapped.transactions().run(() -> {
            front.updateNames(ann.key(), "Ann", "New", clock.instant());
            // another request reads the entry before this transaction commits
            assertThat(front.findByKey(ann.key()).orElseThrow().lastname()).isEqualTo("Old");
            committedLastname.set("New");
        });

        assertThat(front.findByKey(ann.key()).orElseThrow().lastname()).isEqualTo("New");
    }

    @Test
    void aReportedChangeOfStateDropsTheEntryToo() {
        copy.caughtUp(clock.instant());
        DirectoryUser ann = ann();
        lastnameOf(ann);
        copy.changed(ann.id());

        assertThat(copy.userCount()).isZero();
    }

    @Test
    void anAbsentUserAndAKeyThatIsNoIdAreNotCopied() {
        copy.caughtUp(clock.instant());

        assertThat(copied.findByKey("424242")).isEmpty();
        assertThat(copied.findByKey("not-a-number")).isEmpty();
        assertThat(copy.userCount()).isZero();
        DirectoryUser registered = ann();
        assertThat(copied.findByKey(registered.key())).isPresent();
    }

    @Test
    void theCopyHoldsAtMostItsCapacityOfEntries() {
        CachedAccountState small = new CachedAccountState(state.accounts(), 10, MAX_LAG, clock);
        UserDirectory front = small.around(directory);
        small.caughtUp(clock.instant());
        for (int i = 0; i < 30; i++) {
            DirectoryUser user = directory.register(new NewDirectoryUser(UUID.randomUUID(),
                    Email.of("many" + i + "@example.com"), HASH, null, null, "en", false, clock.instant()));
            front.findByKey(user.key());
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
        UserDirectory keyed = new DelegatingDirectory(directory) {
            @Override
            public boolean assignsIds() {
                return false;
            }
        };

        assertThatThrownBy(() -> copy.around(keyed)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Passes everything on; tests override what they watch. */
    private static class DelegatingDirectory implements UserDirectory {

        private final UserDirectory delegate;

        DelegatingDirectory(UserDirectory delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public Set<DirectoryCapability> capabilities() {
            return delegate.capabilities();
        }

        @Override
        public boolean assignsIds() {
            return delegate.assignsIds();
        }

        @Override
        public Optional<DirectoryUser> findByKey(String key) {
            return delegate.findByKey(key);
        }

        @Override
        public Optional<DirectoryUser> findByEmail(Email email) {
            return delegate.findByEmail(email);
        }

        @Override
        public boolean checkPassword(DirectoryUser user, String password) {
            return delegate.checkPassword(user, password);
        }

        @Override
        public void checkNoOnesPassword(String password) {
            delegate.checkNoOnesPassword(password);
        }

        @Override
        public boolean updateNames(String key, String firstname, String lastname, Instant at) {
            return delegate.updateNames(key, firstname, lastname, at);
        }
    }
}
