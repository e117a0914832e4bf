package io.userservice.core.memory;

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
import org.junit.jupiter.api.Nested;

/** Every store contract on the in-memory stores. */
class InMemoryStoresTest {

    @Nested
    class Users extends UserStoreContract {
        @Override
        protected CoreStores newStores() {
            return InMemoryStores.create();
        }
    }

    @Nested
    class Attributes extends UserAttributesContract {
        @Override
        protected CoreStores newStores() {
            return InMemoryStores.create();
        }
    }

    @Nested
    class RefreshTokens extends RefreshTokenContract {
        @Override
        protected CoreStores newStores() {
            return InMemoryStores.create();
        }
    }

    @Nested
    class SingleUseCodes extends SingleUseCodeContract {
        @Override
        protected CoreStores newStores() {
            return InMemoryStores.create();
        }
    }

    @Nested
    class SigningKeys extends SigningKeyContract {
        @Override
        protected CoreStores newStores() {
            return InMemoryStores.create();
        }
    }

    @Nested
    class ConsumedTokens extends ConsumedTokenContract {
        @Override
        protected CoreStores newStores() {
            return InMemoryStores.create();
        }
    }

    @Nested
    class PortalSessions extends PortalSessionContract {
        @Override
        protected CoreStores newStores() {
            return InMemoryStores.create();
        }
    }

    @Nested
    class UserRoles extends UserRolesContract {
        @Override
        protected CoreStores newStores() {
            return InMemoryStores.create();
        }
    }

    @Nested
    class AuditLog extends AuditLogContract {
        @Override
        protected CoreStores newStores() {
            return InMemoryStores.create();
        }
    }

    @Nested
    class MailOutbox extends MailOutboxContract {
        @Override
        protected CoreStores newStores() {
            return InMemoryStores.create();
        }
    }

    @Nested
    class ThrottleCounters extends ThrottleCounterContract {
        @Override
        protected CoreStores newStores() {
            return InMemoryStores.create();
        }
    }
}
