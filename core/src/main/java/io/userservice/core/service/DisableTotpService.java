package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.User;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.in.DisableTotpUseCase;
import io.userservice.core.port.out.Transactions;

final class DisableTotpService implements DisableTotpUseCase {

    private final Users users;
    private final FactorOwners owners;
    private final SecondFactors factors;
    private final Notices notices;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final WebhookEvents events;

    DisableTotpService(Users users, FactorOwners owners, SecondFactors factors, Notices notices, AuditTrail audit,
                       Transactions transactions, WebhookEvents events) {
        this.users = users;
        this.owners = owners;
        this.factors = factors;
        this.notices = notices;
        this.audit = audit;
        this.transactions = transactions;
        this.events = events;
    }

    @Override
    public void disable(Command command) {
        FactorOwners.requireUser(command.caller());
        long userId = command.caller().userId();
        ClientAddress address = command.clientAddress();
        if (factors.isOn(userId)) {
            owners.withPasswordAndCode(command.caller(), command.password(), command.code(), address,
                    AuditAction.MFA_DISABLED);
        } else {
            // nothing guards the account yet (at most a pending authenticator): the password suffices
            owners.withPassword(command.caller(), command.password(), address, AuditAction.MFA_DISABLED);
        }
        boolean wasOn = transactions.inTransaction(() -> {
            boolean on = factors.removeAll(userId);
            if (on) {
                events.emit(WebhookEventType.MFA_DISABLED, userId, WebhookEvents.fields("reason", "user"));
            }
            return on;
        });
        audit.self(AuditAction.MFA_DISABLED, userId, address, Outcome.SUCCESS, wasOn ? null : "was already off");
        if (wasOn) {
            users.byId(userId).ifPresent(notices::mfaDisabled);
        }
    }
}
