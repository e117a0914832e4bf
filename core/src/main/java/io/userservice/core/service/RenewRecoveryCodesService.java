package io.userservice.core.service;

import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.InvalidInputException;
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
        String address = command.clientAddress();
        if (!factors.isOn(userId)) {
            owners.withPassword(command.caller(), command.password(), address, AuditEvent.RECOVERY_CODES_RENEWED);
            throw new InvalidInputException("mfa_not_enabled", null,
                    "Two-factor authentication is off: recovery codes come with turning it on.");
        }
        owners.withPasswordAndCode(command.caller(), command.password(), command.code(), address,
                AuditEvent.RECOVERY_CODES_RENEWED);
        List<String> codes = factors.newRecoveryCodes(userId);
        audit.self(AuditEvent.RECOVERY_CODES_RENEWED, userId, address, AuditEvent.SUCCESS, null);
        return codes;
    }
}
