package io.userservice.core.service;

import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.SigningKeyStatus;
import io.userservice.core.port.in.ManageSigningKeysUseCase;
import io.userservice.core.port.out.AuditLogPort;
import io.userservice.core.port.out.SigningKeyManager;
import java.time.Clock;
import java.util.List;

/** Key rotation and listing over the token implementation's key manager; rotations are audited. */
final class SigningKeyService implements ManageSigningKeysUseCase {

    private static final System.Logger LOG = System.getLogger("io.userservice.audit");

    private final SigningKeyManager manager;
    private final AuditLogPort audit;
    private final Clock clock;

    SigningKeyService(SigningKeyManager manager, AuditLogPort audit, Clock clock) {
        this.manager = manager;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public SigningKeyStatus rotate(String actor) {
        List<String> before = list().stream().filter(k -> k.retiredAt() == null)
                .map(SigningKeyStatus::keyId).toList();
        String keyId = requireManager().rotate();
        String detail = "new key " + keyId + (before.isEmpty() ? "" : "; retired " + String.join(", ", before));
        audit.record(new AuditEvent(clock.instant(), "key_rotated", null, null, actor, AuditEvent.SUCCESS, detail));
        LOG.log(System.Logger.Level.INFO, "audit: key_rotated success from=" + actor + " (" + detail + ")");
        return list().stream().filter(k -> k.keyId().equals(keyId)).findFirst().orElseThrow();
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
