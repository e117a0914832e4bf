package io.userservice.core.memory;

import io.userservice.core.port.out.CoreStores;
import io.userservice.core.port.out.contract.SigningKeyContract;

class InMemorySigningKeysTest extends SigningKeyContract {

    @Override
    protected CoreStores newStores() {
        return InMemoryStores.create();
    }
}
