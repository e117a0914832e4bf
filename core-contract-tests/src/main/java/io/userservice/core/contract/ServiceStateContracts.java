package io.userservice.core.contract;

import io.userservice.core.port.out.DirectoryFactory;
import io.userservice.core.port.out.ServiceState;
import org.junit.jupiter.api.Nested;

/**
 * Every contract of the service state in one class: extend it once in a test of your store, give
 * it fresh, empty states (and, for the use cases racing, a directory to race them over), and JUnit
 * runs each contract as a nested class. To see which store a failure came from when several run
 * in one build, extend the single contracts instead, each in a nested class of your own.
 */
public abstract class ServiceStateContracts {

    /** A fresh, empty state whose pool (if it has one) holds at least {@code maxPoolSize} connections. */
    protected abstract ServiceState newState(int maxPoolSize);

    /** The directory the use cases race over (its users live there; the state is what is tested). */
    protected abstract DirectoryFactory directory();

    private ServiceState fresh() {
        return newState(10);
    }

    @Nested
    class AccountState extends AccountStateContract {
        @Override
        protected ServiceState newState() {
            return fresh();
        }
    }

    @Nested
    class UserIdentities extends UserIdentitiesContract {
        @Override
        protected ServiceState newState() {
            return fresh();
        }
    }

    @Nested
    class UserAttributes extends UserAttributesContract {
        @Override
        protected ServiceState newState() {
            return fresh();
        }
    }

    @Nested
    class RefreshTokens extends RefreshTokenContract {
        @Override
        protected ServiceState newState() {
            return fresh();
        }
    }

    @Nested
    class SingleUseCodes extends SingleUseCodeContract {
        @Override
        protected ServiceState newState() {
            return fresh();
        }
    }

    @Nested
    class SigningKeys extends SigningKeyContract {
        @Override
        protected ServiceState newState() {
            return fresh();
        }
    }

    @Nested
    class ConsumedTokens extends ConsumedTokenContract {
        @Override
        protected ServiceState newState() {
            return fresh();
        }
    }

    @Nested
    class PortalSessions extends PortalSessionContract {
        @Override
        protected ServiceState newState() {
            return fresh();
        }
    }

    @Nested
    class AuditLog extends AuditLogContract {
        @Override
        protected ServiceState newState() {
            return fresh();
        }
    }

    @Nested
    class MailOutbox extends MailOutboxContract {
        @Override
        protected ServiceState newState() {
            return fresh();
        }
    }

    @Nested
    class WebhookOutbox extends WebhookOutboxContract {
        @Override
        protected ServiceState newState() {
            return fresh();
        }
    }

    @Nested
    class ThrottleCounters extends ThrottleCounterContract {
        @Override
        protected ServiceState newState() {
            return fresh();
        }
    }

    @Nested
    class AccountData extends AccountDataContract {
        @Override
        protected ServiceState newState() {
            return fresh();
        }
    }

    @Nested
    class SecondFactors extends SecondFactorContract {
        @Override
        protected ServiceState newState() {
            return fresh();
        }
    }

    @Nested
    class UseCaseRaces extends UseCaseRacesContract {
        @Override
        protected Stores newStores(int maxPoolSize) {
            return new Stores(directory(), newState(maxPoolSize));
        }
    }
}
