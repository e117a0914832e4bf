package io.userservice.core.memory;

import io.userservice.core.port.out.CoreStores;
import io.userservice.core.port.out.contract.UserStoreContract;

class InMemoryUserStoreTest extends UserStoreContract {

    @Override
    protected CoreStores newStores() {
        return InMemoryStores.create();
    }
}
