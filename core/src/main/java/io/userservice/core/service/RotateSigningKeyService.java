package io.userservice.core.service;

import io.userservice.core.domain.Actor;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Outcome;
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
    public SigningKeyStatus rotate(Actor actor) {
        SigningKeyManager keys = SigningKeyManagers.require(manager);
        List<String> before = keys.keys().stream().filter(k -> k.retiredAt() == null)
                .map(SigningKeyStatus::keyId).toList();
        String keyId = keys.rotate();
        String detail = "new key " + keyId + (before.isEmpty() ? "" : "; retired " + String.join(", ", before));
        // an operator's act: it came from no client, so it has no address
        audit.record(AuditAction.KEY_ROTATION, actor, null, ClientAddress.unknown(), Outcome.SUCCESS, detail);
        return keys.keys().stream().filter(k -> k.keyId().equals(keyId)).findFirst().orElseThrow();
    }
}
