package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.MutableClock;
import io.userservice.core.crypto.BcryptPasswordHasher;
import io.userservice.core.domain.AccountState;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.NewDirectoryUser;
import io.userservice.core.memory.InMemoryAccountState;
import io.userservice.core.memory.InMemoryUserDirectory;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** How a user is read by id: their state, then their entry. */
class UsersTest {

    private final MutableClock clock = MutableClock.atSomeMoment();
    private final InMemoryUserDirectory directory = new InMemoryUserDirectory(new BcryptPasswordHasher(4));
    private final InMemoryAccountState accounts = new InMemoryAccountState();

    /**
     * A deletion erases the state too; committed between the two reads, it must leave no user
     * rather than the entry with the erased state, which would take tokens an earlier password
     * change had revoked.
     */
    @Test
    void aDeletionCommittedBetweenTheTwoReadsLeavesNoUser() {
        DirectoryUser ann = directory.register(new NewDirectoryUser(UUID.randomUUID(), Email.of("ann@example.com"),
                "$2a$04$notahashatall", "Ann", null, "en", true, clock.instant()));
        accounts.passwordChanged(ann.id(), clock.instant());
        AtomicReference<Runnable> afterStateRead = new AtomicReference<>(() -> { });
        Users users = new Users(directory, new DelegatingAccountState(accounts) {
            @Override
            public AccountState stateOf(long userId) {
                AccountState read = super.stateOf(userId);
                afterStateRead.get().run();
                return read;
            }
        }, null);
        assertThat(users.byId(ann.id())).isPresent();

        afterStateRead.set(() -> {
            directory.delete(ann.key());
            accounts.erase(ann.id());
        });

        assertThat(users.byId(ann.id())).isEmpty();
    }
}
