package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.Passkey;
import io.userservice.core.port.in.ManagePasskeysUseCase;
import io.userservice.core.port.out.PasskeyPort;
import java.util.List;

final class ManagePasskeysService implements ManagePasskeysUseCase {

    private final AccountOwners owners;
    private final PasskeyPort passkeys;
    private final AuditTrail audit;

    ManagePasskeysService(AccountOwners owners, PasskeyPort passkeys, AuditTrail audit) {
        this.owners = owners;
        this.passkeys = passkeys;
        this.audit = audit;
    }

    @Override
    public List<Passkey> list(Caller caller) {
        return passkeys.listOf(caller.userId());
    }

    @Override
    public Passkey rename(Caller caller, String passkeyId, String name, ClientAddress clientAddress) {
        owners.refuseImpersonation(AuditAction.PASSKEY_RENAMED, caller, clientAddress, "rename a passkey");
        String checked = Passkey.checkedName(name);
        if (passkeyId == null || !passkeys.rename(caller.userId(), passkeyId, checked)) {
            throw notFound();
        }
        audit.self(AuditAction.PASSKEY_RENAMED, caller.userId(), clientAddress, Outcome.SUCCESS, passkeyId);
        return passkeys.listOf(caller.userId()).stream().filter(p -> p.id().equals(passkeyId)).findFirst()
                .orElseThrow(ManagePasskeysService::notFound);
    }

    @Override
    public void delete(Caller caller, String passkeyId, ClientAddress clientAddress) {
        owners.refuseImpersonation(AuditAction.PASSKEY_DELETED, caller, clientAddress, "remove a passkey");
        if (passkeyId == null || !passkeys.delete(caller.userId(), passkeyId)) {
            throw notFound();
        }
        audit.self(AuditAction.PASSKEY_DELETED, caller.userId(), clientAddress, Outcome.SUCCESS, passkeyId);
    }

    private static NotFoundException notFound() {
        return new NotFoundException("passkey_not_found", "You have no passkey with this id.");
    }
}
