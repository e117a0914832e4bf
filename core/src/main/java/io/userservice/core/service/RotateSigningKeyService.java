package io.userservice.core.service;

import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.SigningKeyStatus;
import io.userservice.core.port.in.RotateSigningKeyUseCase;
import io.userservice.core.port.out.SigningKeyManager;
import java.util.List;

final class RotateSigningKeyService implements RotateSigningKeyUseCase {

    private final SigningKeyManager manager;
    private final AuditTrail audit;

    RotateSigningKeyService(SigningKeyManager manager, AuditTrail audit) {
        this.manager = manager;
        this.audit = audit;
    }

    @Override
    public SigningKeyStatus rotate(String actor) {
        SigningKeyManager keys = SigningKeyManagers.require(manager);
        List<String> before = keys.keys().stream().filter(k -> k.retiredAt() == null)
                .map(SigningKeyStatus::keyId).toList();
        String keyId = keys.rotate();
        String detail = "new key " + keyId + (before.isEmpty() ? "" : "; retired " + String.join(", ", before))
                + "; by " + actor;
        // the actor (the command line) is no client address: a rotation has none
        audit.record(AuditEvent.KEY_ROTATION, null, null, null, AuditEvent.SUCCESS, detail);
        return keys.keys().stream().filter(k -> k.keyId().equals(keyId)).findFirst().orElseThrow();
    }
}
