package io.userservice.core.memory;

import io.userservice.core.port.out.CoreStores;
import io.userservice.core.port.out.contract.SingleUseCodeContract;

class InMemorySingleUseCodesTest extends SingleUseCodeContract {

    @Override
    protected CoreStores newStores() {
        return InMemoryStores.create();
    }
}
