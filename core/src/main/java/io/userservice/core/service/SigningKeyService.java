package io.userservice.core.service;

import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.SigningKeyStatus;
import io.userservice.core.port.in.ManageSigningKeysUseCase;
import io.userservice.core.port.out.SigningKeyManager;
import java.util.List;

/** Key rotation and listing over the token implementation's key manager; rotations are audited. */
final class SigningKeyService implements ManageSigningKeysUseCase {

    private final SigningKeyManager manager;
    private final AuditTrail audit;

    SigningKeyService(SigningKeyManager manager, AuditTrail audit) {
        this.manager = manager;
        this.audit = audit;
    }

    @Override
    public SigningKeyStatus rotate(String actor) {
        List<String> before = list().stream().filter(k -> k.retiredAt() == null)
                .map(SigningKeyStatus::keyId).toList();
        String keyId = requireManager().rotate();
        String detail = "new key " + keyId + (before.isEmpty() ? "" : "; retired " + String.join(", ", before));
        audit.record(AuditEvent.KEY_ROTATION, null, null, actor, AuditEvent.SUCCESS, detail);
        return list().stream().filter(k -> k.keyId().equals(keyId)).findFirst().orElseThrow();
    }

    @Override
    public boolean revoke(String keyId, String actor) {
        boolean revoked = requireManager().revoke(keyId);
        audit.record(AuditEvent.KEY_REVOCATION, null, null, actor, revoked ? AuditEvent.SUCCESS : AuditEvent.DENIED,
                (revoked ? "revoked key " : "no such unrevoked key ") + keyId);
        return revoked;
    }

    @Override
    public List<SigningKeyStatus> list() {
        return requireManager().keys();
    }

    private SigningKeyManager requireManager() {
        if (manager == null) {
            throw new IllegalStateException("the configured token implementation does not manage signing keys");
        }
        return manager;
    }
}
