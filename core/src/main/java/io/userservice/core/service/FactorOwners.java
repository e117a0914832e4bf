package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidMfaCodeException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.User;

/**
 * Who may change a user's second factors: the user, with their own credential (never one minted
 * on their behalf), after their password, and once the factor is on, a current code too. A wrong
 * code counts against the account's sign-in limit like a wrong password.
 */
final class FactorOwners {

    private final AccountOwners owners;
    private final Credentials credentials;
    private final SecondFactors factors;
    private final Throttling throttling;
    private final AuditTrail audit;

    FactorOwners(AccountOwners owners, Credentials credentials, SecondFactors factors, Throttling throttling,
                 AuditTrail audit) {
        this.owners = owners;
        this.credentials = credentials;
        this.factors = factors;
        this.throttling = throttling;
        this.audit = audit;
    }

    /** The caller's own account, after the right password. */
    User withPassword(Caller caller, String password, ClientAddress clientAddress, AuditAction action) {
        owners.refuseImpersonation(action, caller, clientAddress, "change two-factor authentication");
        return credentials.reverify(caller.userId(), password, clientAddress, action);
    }

    /**
     * Requires the caller's own account, the right password and a current authenticator or
     * recovery code (which is used up). The sign-in limit is checked again once the password is
     * verified, so failures counted while it was being checked still refuse.
     */
    void withPasswordAndCode(Caller caller, String password, String code, ClientAddress clientAddress,
            AuditAction action) {
        User user = withPassword(caller, password, clientAddress, action);
        String email = user.email().value();
        throttling.checkSignIn(email, clientAddress, null);
        if (factors.acceptTotp(user.id(), code)) {
            return;
        }
        if (factors.acceptRecoveryCode(user.id(), code)) {
            audit.self(AuditAction.RECOVERY_CODE_USED, user.id(), clientAddress, Outcome.SUCCESS, action.storedForm());
            return;
        }
        throttling.signInFailed(email, clientAddress, null);
        audit.self(action, user.id(), clientAddress, Outcome.DENIED, "wrong code");
        throw new InvalidMfaCodeException();
    }

    /** Only the user themselves manages their factors. */
    static void requireUser(Caller caller) {
        if (caller.isOperator()) {
            throw new IllegalArgumentException("the operator has no second factor of their own");
        }
    }
}
