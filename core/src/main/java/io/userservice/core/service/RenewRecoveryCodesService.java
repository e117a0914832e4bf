package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.port.in.RenewRecoveryCodesUseCase;
import java.util.List;

final class RenewRecoveryCodesService implements RenewRecoveryCodesUseCase {

    private final FactorOwners owners;
    private final SecondFactors factors;
    private final AuditTrail audit;

    RenewRecoveryCodesService(FactorOwners owners, SecondFactors factors, AuditTrail audit) {
        this.owners = owners;
        this.factors = factors;
        this.audit = audit;
    }

    @Override
    public List<String> renew(Command command) {
        FactorOwners.requireUser(command.caller());
        long userId = command.caller().userId();
        ClientAddress address = command.clientAddress();
        if (!factors.isOn(userId)) {
            owners.withPassword(command.caller(), command.password(), address, AuditAction.RECOVERY_CODES_RENEWED);
            throw new InvalidInputException("mfa_not_enabled", null,
                    "Two-factor authentication is off: recovery codes come with turning it on.");
        }
        owners.withPasswordAndCode(command.caller(), command.password(), command.code(), address,
                AuditAction.RECOVERY_CODES_RENEWED);
        List<String> codes = factors.newRecoveryCodes(userId);
        audit.self(AuditAction.RECOVERY_CODES_RENEWED, userId, address, Outcome.SUCCESS, null);
        return codes;
    }
}
