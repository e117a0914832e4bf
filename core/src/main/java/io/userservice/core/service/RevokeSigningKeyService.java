package io.userservice.core.service;

import io.userservice.core.domain.Actor;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Outcome;
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
        audit.record(AuditAction.KEY_REVOCATION, command.actor(), null, ClientAddress.unknown(),
                revoked ? Outcome.SUCCESS : Outcome.DENIED,
                (revoked ? "revoked key " : "no such unrevoked key ") + command.keyId());
        return revoked;
    }
}
