package io.userservice.jdbc;

import io.userservice.core.port.out.CoreStores;
import io.userservice.core.port.out.contract.AuditLogContract;
import io.userservice.core.port.out.contract.ConsumedTokenContract;
import io.userservice.core.port.out.contract.MailOutboxContract;
import io.userservice.core.port.out.contract.PortalSessionContract;
import io.userservice.core.port.out.contract.RefreshTokenContract;
import io.userservice.core.port.out.contract.SigningKeyContract;
import io.userservice.core.port.out.contract.SingleUseCodeContract;
import io.userservice.core.port.out.contract.ThrottleCounterContract;
import io.userservice.core.port.out.contract.UserAttributesContract;
import io.userservice.core.port.out.contract.UserRolesContract;
import io.userservice.core.port.out.contract.UserStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** Every store contract, and the use cases racing, on a new database per test on the embedded PostgreSQL server. */
class PostgresStoresTest {

    private final PostgresDatabase database = new PostgresDatabase();

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Nested
    class Users extends UserStoreContract {
        @Override
        protected CoreStores newStores() {
            return database.open();
        }
    }

    @Nested
    class Attributes extends UserAttributesContract {
        @Override
        protected CoreStores newStores() {
            return database.open();
        }
    }

    @Nested
    class RefreshTokens extends RefreshTokenContract {
        @Override
        protected CoreStores newStores() {
            return database.open();
        }
    }

    @Nested
    class SingleUseCodes extends SingleUseCodeContract {
        @Override
        protected CoreStores newStores() {
            return database.open();
        }
    }

    @Nested
    class SigningKeys extends SigningKeyContract {
        @Override
        protected CoreStores newStores() {
            return database.open();
        }
    }

    @Nested
    class ConsumedTokens extends ConsumedTokenContract {
        @Override
        protected CoreStores newStores() {
            return database.open();
        }
    }

    @Nested
    class PortalSessions extends PortalSessionContract {
        @Override
        protected CoreStores newStores() {
            return database.open();
        }
    }

    @Nested
    class UserRoles extends UserRolesContract {
        @Override
        protected CoreStores newStores() {
            return database.open();
        }
    }

    @Nested
    class AuditLog extends AuditLogContract {
        @Override
        protected CoreStores newStores() {
            return database.open();
        }
    }

    @Nested
    class MailOutbox extends MailOutboxContract {
        @Override
        protected CoreStores newStores() {
            return database.open();
        }
    }

    @Nested
    class ThrottleCounters extends ThrottleCounterContract {
        @Override
        protected CoreStores newStores() {
            return database.open();
        }
    }

    @Nested
    class UseCasesInParallel extends ConcurrentUseCasesContract {
        @Override
        protected CoreStores newStores(int maxPoolSize) {
            return database.open(maxPoolSize);
        }
    }
}
