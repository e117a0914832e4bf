package io.userservice.core.contract;

import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.UserDirectory;
import org.junit.jupiter.api.Nested;

/** Every contract, on the in-memory directory and state the core ships. */
class InMemoryContractsTest {

    @Nested
    class Directory extends ReadWriteUserDirectoryContract {
        @Override
        protected UserDirectory newDirectory(PasswordHasher hasher) {
            return new InMemoryUserDirectory(hasher);
        }
    }

    @Nested
    class Accounts extends AccountStateContract {
        @Override
        protected ServiceState newState() {
            return InMemoryServiceState.create();
        }
    }

    @Nested
    class Identities extends UserIdentitiesContract {
        @Override
        protected ServiceState newState() {
            return InMemoryServiceState.create();
        }
    }

    @Nested
    class Attributes extends UserAttributesContract {
        @Override
        protected ServiceState newState() {
            return InMemoryServiceState.create();
        }
    }

    @Nested
    class RefreshTokens extends RefreshTokenContract {
        @Override
        protected ServiceState newState() {
            return InMemoryServiceState.create();
        }
    }

    @Nested
    class SingleUseCodes extends SingleUseCodeContract {
        @Override
        protected ServiceState newState() {
            return InMemoryServiceState.create();
        }
    }

    @Nested
    class SigningKeys extends SigningKeyContract {
        @Override
        protected ServiceState newState() {
            return InMemoryServiceState.create();
        }
    }

    @Nested
    class ConsumedTokens extends ConsumedTokenContract {
        @Override
        protected ServiceState newState() {
            return InMemoryServiceState.create();
        }
    }

    @Nested
    class PortalSessions extends PortalSessionContract {
        @Override
        protected ServiceState newState() {
            return InMemoryServiceState.create();
        }
    }

    @Nested
    class AuditLog extends AuditLogContract {
        @Override
        protected ServiceState newState() {
            return InMemoryServiceState.create();
        }
    }

    @Nested
    class MailOutbox extends MailOutboxContract {
        @Override
        protected ServiceState newState() {
            return InMemoryServiceState.create();
        }
    }

    @Nested
    class ThrottleCounters extends ThrottleCounterContract {
        @Override
        protected ServiceState newState() {
            return InMemoryServiceState.create();
        }
    }

    @Nested
    class UseCaseRaces extends UseCaseRacesContract {
        @Override
        protected Stores newStores(int maxPoolSize) {
            return new Stores(InMemoryUserDirectory::new, InMemoryServiceState.create());
        }
    }
}
