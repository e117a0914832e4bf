package io.userservice.core.service;

import io.userservice.core.port.out.SigningKeyManager;

/** The key manager of the configured token implementation, which a custom one may lack. */
final class SigningKeyManagers {

    private SigningKeyManagers() {
    }

    static SigningKeyManager require(SigningKeyManager manager) {
        if (manager == null) {
            throw new IllegalStateException("the configured token implementation does not manage signing keys");
        }
        return manager;
    }
}
