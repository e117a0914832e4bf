package io.userservice.core.contract;

import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.port.out.DirectoryFactory;
import io.userservice.core.port.out.ServiceState;

/** The bundle as a customer would extend it, on the in-memory state. */
class ServiceStateContractsTest extends ServiceStateContracts {

    @Override
    protected ServiceState newState(int maxPoolSize) {
        return InMemoryServiceState.create();
    }

    @Override
    protected DirectoryFactory directory() {
        return InMemoryUserDirectory::new;
    }
}
