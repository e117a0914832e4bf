package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.EnrolTotpUseCase;

final class EnrolTotpService implements EnrolTotpUseCase {

    private final FactorOwners owners;
    private final SecondFactors factors;
    private final AuditTrail audit;

    EnrolTotpService(FactorOwners owners, SecondFactors factors, AuditTrail audit) {
        this.owners = owners;
        this.factors = factors;
        this.audit = audit;
    }

    @Override
    public Enrolment enrol(Command command) {
        FactorOwners.requireUser(command.caller());
        User user = owners.withPassword(command.caller(), command.password(), command.clientAddress(),
                AuditAction.MFA_ENROLMENT);
        String secret = factors.beginTotp(user.id()).orElseThrow(() -> new InvalidInputException("mfa_already_enabled",
                null, "Two-factor authentication is already on; turn it off first to add another authenticator."));
        audit.self(AuditAction.MFA_ENROLMENT, user.id(), command.clientAddress(), Outcome.SUCCESS,
                "authenticator pending");
        return new Enrolment(secret, user.email().value());
    }
}
