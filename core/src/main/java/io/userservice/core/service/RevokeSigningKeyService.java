package io.userservice.core.service;

import io.userservice.core.domain.AuditEvent;
import io.userservice.core.port.in.RevokeSigningKeyUseCase;
import io.userservice.core.port.out.SigningKeyManager;

final class RevokeSigningKeyService implements RevokeSigningKeyUseCase {

    private final SigningKeyManager manager;
    private final AuditTrail audit;

    RevokeSigningKeyService(SigningKeyManager manager, AuditTrail audit) {
        this.manager = manager;
        this.audit = audit;
    }

    @Override
    public boolean revoke(Command command) {
        boolean revoked = SigningKeyManagers.require(manager).revoke(command.keyId());
        audit.record(AuditEvent.KEY_REVOCATION, null, null, null, revoked ? AuditEvent.SUCCESS : AuditEvent.DENIED,
                (revoked ? "revoked key " : "no such unrevoked key ") + command.keyId() + "; by " + command.actor());
        return revoked;
    }
}
