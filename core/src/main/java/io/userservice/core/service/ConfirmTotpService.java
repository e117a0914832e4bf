package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidMfaCodeException;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.User;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.in.ConfirmTotpUseCase;
import io.userservice.core.port.out.Transactions;
import java.util.List;

/**
 * The code proves the app holds the secret; turning the factor on, the new recovery codes and the
 * webhook event commit together. The code's step counts as used, so it cannot sign in again.
 */
final class ConfirmTotpService implements ConfirmTotpUseCase {

    private final Users users;
    private final AccountOwners owners;
    private final SecondFactors factors;
    private final Throttling throttling;
    private final Notices notices;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final WebhookEvents events;

    ConfirmTotpService(Users users, AccountOwners owners, SecondFactors factors, Throttling throttling,
                       Notices notices, AuditTrail audit, Transactions transactions, WebhookEvents events) {
        this.users = users;
        this.owners = owners;
        this.factors = factors;
        this.throttling = throttling;
        this.notices = notices;
        this.audit = audit;
        this.transactions = transactions;
        this.events = events;
    }

    @Override
    public List<String> confirm(Command command) {
        FactorOwners.requireUser(command.caller());
        ClientAddress address = command.clientAddress();
        owners.refuseImpersonation(AuditAction.MFA_ENABLED, command.caller(), address,
                "change two-factor authentication");
        long userId = command.caller().userId();
        User user = users.byId(userId).orElseThrow(() -> new InvalidTokenException(
                "The user of this token no longer exists."));
        String email = user.email().value();
        throttling.checkSignIn(email, address, null);
        List<String> codes = transactions.inTransaction(() -> {
            if (!factors.confirmTotp(userId, command.code())) {
                return null;
            }
            events.emit(WebhookEventType.MFA_ENABLED, userId, WebhookEvents.fields("method", SecondFactors.TOTP));
            return factors.newRecoveryCodes(userId);
        });
        if (codes == null) {
            throttling.signInFailed(email, address, null);
            audit.self(AuditAction.MFA_ENABLED, userId, address, Outcome.DENIED, "wrong code or nothing pending");
            throw new InvalidMfaCodeException();
        }
        audit.self(AuditAction.MFA_ENABLED, userId, address, Outcome.SUCCESS, "authenticator");
        notices.mfaEnabled(user);
        return codes;
    }
}
