package io.userservice.core.service;

import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.Role;

/**
 * Who may administer: the operator at the command line, and holders of {@code admin} (by the
 * stored roles, not the token) acting with their own credential. A credential minted on someone's
 * behalf never carries administrative power. Every refusal is audited under the person really
 * acting.
 */
final class Administrators {

    private final Users users;
    private final AuditTrail audit;

    Administrators(Users users, AuditTrail audit) {
        this.users = users;
        this.audit = audit;
    }

    /** Lets the operator and administrators acting with their own credential through; refuses the rest. */
    void require(AuditAction action, Caller caller, Long targetUserId, ClientAddress clientAddress, String detail,
                 String message) {
        if (caller.isOperator()) {
            return;
        }
        if (caller.isImpersonation()) {
            throw denied(action, caller, targetUserId, clientAddress, "caller used an impersonation token",
                    "A token minted on someone's behalf cannot be used for administration.");
        }
        if (!users.byId(caller.userId()).map(u -> u.roles().contains(Role.ADMIN)).orElse(false)) {
            throw denied(action, caller, targetUserId, clientAddress, detail, message);
        }
    }

    /** Audits the refusal under the real actor and returns the exception to throw. */
    AccessDeniedException denied(AuditAction action, Caller caller, Long targetUserId, ClientAddress clientAddress,
                                 String detail, String message) {
        audit.record(action, caller.auditActor(), targetUserId, clientAddress, Outcome.DENIED,
                detail);
        return new AccessDeniedException(message);
    }

    static boolean isSelf(Caller caller, long targetUserId) {
        return !caller.isOperator() && caller.userId() == targetUserId;
    }
}
