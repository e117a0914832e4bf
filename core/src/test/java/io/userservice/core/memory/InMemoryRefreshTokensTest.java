package io.userservice.core.memory;

import io.userservice.core.port.out.CoreStores;
import io.userservice.core.port.out.contract.RefreshTokenContract;

class InMemoryRefreshTokensTest extends RefreshTokenContract {

    @Override
    protected CoreStores newStores() {
        return InMemoryStores.create();
    }
}
