package io.userservice.jdbc;

import io.userservice.core.contract.AccountDataContract;
import io.userservice.core.contract.AccountStateContract;
import io.userservice.core.contract.AccountStateFeedContract;
import io.userservice.core.contract.AuditLogContract;
import io.userservice.core.contract.ConsumedTokenContract;
import io.userservice.core.contract.MailOutboxContract;
import io.userservice.core.contract.WebhookOutboxContract;
import io.userservice.core.contract.PortalSessionContract;
import io.userservice.core.contract.ReadWriteUserDirectoryContract;
import io.userservice.core.contract.RefreshTokenContract;
import io.userservice.core.contract.SigningKeyContract;
import io.userservice.core.contract.SecondFactorContract;
import io.userservice.core.contract.SingleUseCodeContract;
import io.userservice.core.contract.ThrottleCounterContract;
import io.userservice.core.contract.ImportUsersContract;
import io.userservice.core.contract.UseCaseRacesContract;
import io.userservice.core.contract.UserAttributesContract;
import io.userservice.core.contract.UserIdentitiesContract;
import io.userservice.core.crypto.BcryptPasswordHasher;
import io.userservice.core.port.out.AccountStateFeed;
import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.UserDirectory;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** Every contract, and the use cases racing, on a new database per test on the embedded PostgreSQL server. */
class PostgresStoresTest {

    private final PostgresDatabase database = new PostgresDatabase();

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Nested
    class Directory extends ReadWriteUserDirectoryContract {
        @Override
        protected UserDirectory newDirectory(PasswordHasher hasher) {
            return database.open().directory().open(hasher);
        }
    }

    @Nested
    class AccountData extends AccountDataContract {
        @Override
        protected ServiceState newState() {
            return database.open().state();
        }
    }

    @Nested
    class Accounts extends AccountStateContract {
        @Override
        protected ServiceState newState() {
            return database.open().state();
        }
    }

    @Nested
    class AccountStateChanges extends AccountStateFeedContract {
        private JdbcStores stores;

        @Override
        protected ServiceState newState() {
            stores = database.open();
            return stores.state();
        }

        @Override
        protected UserDirectory directory() {
            return stores.directory().open(new BcryptPasswordHasher(4));
        }

        @Override
        protected AccountStateFeed feedOfAnotherInstance(Duration interval) {
            return database.openAnother().accountStateFeed(interval, Clock.systemUTC());
        }
    }

    @Nested
    class Identities extends UserIdentitiesContract {
        @Override
        protected ServiceState newState() {
            return database.open().state();
        }
    }

    @Nested
    class Attributes extends UserAttributesContract {
        @Override
        protected ServiceState newState() {
            return database.open().state();
        }
    }

    @Nested
    class RefreshTokens extends RefreshTokenContract {
        @Override
        protected ServiceState newState() {
            return database.open().state();
        }
    }

    @Nested
    class SingleUseCodes extends SingleUseCodeContract {
        @Override
        protected ServiceState newState() {
            return database.open().state();
        }
    }

    @Nested
    class SigningKeys extends SigningKeyContract {
        @Override
        protected ServiceState newState() {
            return database.open().state();
        }
    }

    @Nested
    class ConsumedTokens extends ConsumedTokenContract {
        @Override
        protected ServiceState newState() {
            return database.open().state();
        }
    }

    @Nested
    class Oidc extends io.userservice.core.contract.OidcStateContract {
        @Override
        protected io.userservice.core.port.out.OidcState newState() {
            return database.open().oidcState();
        }
    }

    @Nested
    class Passkeys extends io.userservice.core.contract.PasskeyStateContract {
        @Override
        protected io.userservice.core.port.out.PasskeyState newState() {
            return database.open().passkeyState();
        }
    }

    @Nested
    class PortalSessions extends PortalSessionContract {
        @Override
        protected ServiceState newState() {
            return database.open().state();
        }
    }

    @Nested
    class AuditLog extends AuditLogContract {
        @Override
        protected ServiceState newState() {
            return database.open().state();
        }
    }

    @Nested
    class MailOutbox extends MailOutboxContract {
        @Override
        protected ServiceState newState() {
            return database.open().state();
        }
    }

    @Nested
    class WebhookOutbox extends WebhookOutboxContract {
        @Override
        protected ServiceState newState() {
            return database.open().state();
        }
    }

    @Nested
    class ThrottleCounters extends ThrottleCounterContract {
        @Override
        protected ServiceState newState() {
            return database.open().state();
        }
    }

    @Nested
    class UseCasesInParallel extends UseCaseRacesContract {
        @Override
        protected Stores newStores(int maxPoolSize) {
            JdbcStores stores = database.open(maxPoolSize);
            return new Stores(stores.directory(), stores.state());
        }
    }

    @Nested
    class SecondFactors extends SecondFactorContract {
        @Override
        protected ServiceState newState() {
            return database.open().state();
        }

        @Override
        protected ServiceState sameDataElsewhere(ServiceState state) {
            return database.openAnother().state();
        }
    }

    @Nested
    class ImportedInBatches extends ImportUsersContract {
        @Override
        protected UseCaseRacesContract.Stores newStores(int maxPoolSize) {
            JdbcStores stores = database.open(maxPoolSize);
            return new UseCaseRacesContract.Stores(stores.directory(), stores.state());
        }
    }
}
