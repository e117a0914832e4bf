package io.userservice.core.service;

import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.InvalidInputException;
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
                AuditEvent.MFA_ENROLMENT);
        String secret = factors.beginTotp(user.id()).orElseThrow(() -> new InvalidInputException("mfa_already_enabled",
                null, "Two-factor authentication is already on; turn it off first to add another authenticator."));
        audit.self(AuditEvent.MFA_ENROLMENT, user.id(), command.clientAddress(), AuditEvent.SUCCESS,
                "authenticator pending");
        return new Enrolment(secret, user.email().value());
    }
}
