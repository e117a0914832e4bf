package io.userservice.core.contract;

import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.port.out.UserDirectory;
import org.junit.jupiter.api.Nested;

/**
 * The directory contract on the in-memory directory the core ships; its state runs the bundle (see
 * {@link ServiceStateContractsTest}).
 */
class InMemoryContractsTest {

    @Nested
    class Directory extends ReadWriteUserDirectoryContract {
        @Override
        protected UserDirectory newDirectory(PasswordHasher hasher) {
            return new InMemoryUserDirectory(hasher);
        }
    }
}
