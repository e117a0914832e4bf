package io.userservice.core.service;

import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.User;

/**
 * Who may act on an account: its owner, and administrators acting with their own credential
 * (see {@link Administrators}). Changes that need the owner's password (a new password or email,
 * deleting the account) are refused to a credential minted on the owner's behalf.
 */
final class AccountOwners {

    private final Users users;
    private final Administrators administrators;
    private final AuditTrail audit;

    AccountOwners(Users users, Administrators administrators, AuditTrail audit) {
        this.users = users;
        this.administrators = administrators;
        this.audit = audit;
    }

    /** The user, when the caller is them (through any credential of theirs) or an administrator. */
    User ownerOrAdministrator(AuditAction action, Caller caller, long userId, ClientAddress clientAddress) {
        if (!Administrators.isSelf(caller, userId)) {
            administrators.require(action, caller, userId, clientAddress, "caller is not an admin",
                    "This needs role admin.");
        }
        return users.byId(userId).orElseThrow(() -> new NotFoundException("not_found", "There is no such user."));
    }

    /** Refuses a credential minted on the user's behalf by someone else. */
    void refuseImpersonation(AuditAction action, Caller caller, ClientAddress clientAddress, String what) {
        if (caller.isImpersonation()) {
            audit.record(action, caller.auditActor(), caller.userId(), clientAddress, Outcome.DENIED,
                    "caller used an impersonation token");
            throw new AccessDeniedException("A token minted on someone's behalf cannot " + what + ".");
        }
    }
}
