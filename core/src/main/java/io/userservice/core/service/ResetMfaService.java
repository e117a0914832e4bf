package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.User;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.in.ResetMfaUseCase;
import io.userservice.core.port.out.Transactions;

/**
 * The recovery of last resort: an administrator (role {@code admin}, own credential) or the
 * operator removes a user's factors, so the user signs in with the password alone and can enrol
 * again. The user is mailed a notice, so a reset they did not ask for does not go unseen.
 */
final class ResetMfaService implements ResetMfaUseCase {

    private final AccountOwners owners;
    private final Administrators administrators;
    private final SecondFactors factors;
    private final Notices notices;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final WebhookEvents events;

    ResetMfaService(AccountOwners owners, Administrators administrators, SecondFactors factors, Notices notices,
                    AuditTrail audit, Transactions transactions, WebhookEvents events) {
        this.owners = owners;
        this.administrators = administrators;
        this.factors = factors;
        this.notices = notices;
        this.audit = audit;
        this.transactions = transactions;
        this.events = events;
    }

    @Override
    public void reset(Command command) {
        Caller caller = command.caller();
        long userId = command.userId();
        ClientAddress address = command.clientAddress();
        administrators.require(AuditAction.MFA_RESET, caller, userId, address, "caller is not an admin",
                "Resetting two-factor authentication needs role admin.");
        User user = owners.ownerOrAdministrator(AuditAction.MFA_RESET, caller, userId, address);
        boolean wasOn = transactions.inTransaction(() -> {
            boolean on = factors.removeAll(userId);
            if (on) {
                events.emit(WebhookEventType.MFA_DISABLED, userId, WebhookEvents.fields("reason", "admin_reset"));
            }
            return on;
        });
        audit.record(AuditAction.MFA_RESET, caller.auditActor(), userId, address, Outcome.SUCCESS,
                wasOn ? null : "was already off");
        if (wasOn) {
            notices.mfaReset(user);
        }
    }
}
