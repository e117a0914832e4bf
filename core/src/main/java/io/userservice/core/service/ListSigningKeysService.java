package io.userservice.core.service;

import io.userservice.core.domain.SigningKeyStatus;
import io.userservice.core.port.in.ListSigningKeysUseCase;
import io.userservice.core.port.out.SigningKeyManager;
import java.util.List;

final class ListSigningKeysService implements ListSigningKeysUseCase {

    private final SigningKeyManager manager;

    ListSigningKeysService(SigningKeyManager manager) {
        this.manager = manager;
    }

    @Override
    public List<SigningKeyStatus> list() {
        return SigningKeyManagers.require(manager).keys();
    }
}
