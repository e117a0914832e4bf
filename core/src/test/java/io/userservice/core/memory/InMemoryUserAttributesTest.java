package io.userservice.core.memory;

import io.userservice.core.port.out.CoreStores;
import io.userservice.core.port.out.contract.UserAttributesContract;

class InMemoryUserAttributesTest extends UserAttributesContract {

    @Override
    protected CoreStores newStores() {
        return InMemoryStores.create();
    }
}
