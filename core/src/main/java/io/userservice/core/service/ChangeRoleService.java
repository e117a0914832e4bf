package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.ManagedByDirectoryException;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.out.AccountStatePort;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.out.Transactions;

/**
 * Grants and revokes the roles the service keeps; a role the user holds through the directory is
 * changed there, not here.
 */
final class ChangeRoleService implements ChangeRoleUseCase {

    private final Users users;
    private final AccountStatePort accounts;
    private final Administrators administrators;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final WebhookEvents events;

    ChangeRoleService(Users users, AccountStatePort accounts, Administrators administrators, AuditTrail audit,
                      Transactions transactions, WebhookEvents events) {
        this.transactions = transactions;
        this.events = events;
        this.users = users;
        this.accounts = accounts;
        this.administrators = administrators;
        this.audit = audit;
    }

    @Override
    public User change(Command command) {
        AuditAction action = command.grant() ? AuditAction.ROLE_GRANTED : AuditAction.ROLE_REVOKED;
        administrators.require(action, command.caller(), command.targetUserId(), command.clientAddress(),
                command.role().name(), "Changing roles needs role admin.");
        if (!command.grant() && command.role().equals(Role.ADMIN)
                && Administrators.isSelf(command.caller(), command.targetUserId())) {
            throw new InvalidInputException("cannot_revoke_own_admin", "role",
                    "An administrator cannot revoke their own admin role.");
        }
        User target = users.byId(command.targetUserId())
                .orElseThrow(() -> new NotFoundException("user_not_found", "There is no user with this id."));
        boolean changed = transactions.inTransaction(() -> change(command, target));
        if (!changed && !command.grant() && target.roles().contains(command.role())) {
            throw ManagedByDirectoryException.managedByDirectory("role " + command.role().name());
        }
        audit.record(action, command.caller().auditActor(), command.targetUserId(), command.clientAddress(),
                Outcome.SUCCESS, command.role().name());
        return users.byId(command.targetUserId()).orElseThrow();
    }

    /**
     * Grants or revokes with its webhook event. A grant of a role the service already grants the
     * user changes nothing and tells nobody (and does not attempt an insert that the database
     * would refuse, which would end the transaction on PostgreSQL).
     */
    private boolean change(Command command, User target) {
        boolean changed;
        if (command.grant()) {
            changed = !accounts.stateOf(target.id()).roles().contains(command.role())
                    && accounts.grant(target.id(), command.role());
        } else {
            changed = accounts.revoke(target.id(), command.role());
        }
        if (changed) {
            events.emit(command.grant() ? WebhookEventType.ROLE_GRANTED : WebhookEventType.ROLE_REVOKED, target.id(),
                    WebhookEvents.fields("role", command.role().name()));
        }
        return changed;
    }
}
