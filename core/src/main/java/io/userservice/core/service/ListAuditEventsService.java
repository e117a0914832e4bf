package io.userservice.core.service;

import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.Role;
import io.userservice.core.port.in.ListAuditEventsUseCase;
import io.userservice.core.port.out.AuditLogPort;
import java.util.List;

final class ListAuditEventsService implements ListAuditEventsUseCase {

    private final Users users;
    private final AuditLogPort auditLog;

    ListAuditEventsService(Users users, AuditLogPort auditLog) {
        this.users = users;
        this.auditLog = auditLog;
    }

    @Override
    public List<AuditEntry> list(Command command) {
        Caller caller = command.caller();
        if (caller.isImpersonation() || caller.isOperator()
                || !users.byId(caller.userId()).map(u -> u.roles().contains(Role.ADMIN)).orElse(false)) {
            throw new AccessDeniedException("Reading the audit trail needs role admin.");
        }
        if (command.limit() < 1 || command.limit() > MAX_PAGE_SIZE) {
            throw new InvalidInputException("invalid_page", "limit",
                    "limit must be between 1 and " + MAX_PAGE_SIZE + ".");
        }
        if (command.beforeId() != null && command.beforeId() < 1) {
            throw new InvalidInputException("invalid_page", "before", "before must be the id of an event.");
        }
        return auditLog.newest(command.beforeId(), command.limit());
    }
}
