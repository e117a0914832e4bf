package io.userservice.core.service;

import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.InvalidCodeException;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ConfirmEmailUseCase;
import io.userservice.core.port.out.SingleUseCodePort;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

final class ConfirmEmailService implements ConfirmEmailUseCase {

    private final SingleUseCodePort codes;
    private final Users users;
    private final Clock clock;
    private final Throttling throttling;
    private final AuditTrail audit;

    ConfirmEmailService(SingleUseCodePort codes, Users users, Clock clock,
                        Throttling throttling, AuditTrail audit) {
        this.throttling = throttling;
        this.audit = audit;
        this.codes = codes;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public User confirm(Command command) {
        throttling.codeAttempt(AuditEvent.EMAIL_CONFIRMATION, command.clientAddress());
        Instant now = clock.instant();
        Optional<Long> consumed = codes.consume(Digests.sha256(command.code()), CodePurpose.CONFIRM_EMAIL, now);
        if (consumed.isEmpty()) {
            audit.record(AuditEvent.EMAIL_CONFIRMATION, null, null, command.clientAddress(), AuditEvent.DENIED,
                    "invalid, expired or used code");
            throw new InvalidCodeException();
        }
        long userId = consumed.get();
        User user = users.byId(userId).orElseThrow(InvalidCodeException::new);
        if (!user.confirmed()) {
            users.directory().markConfirmed(user.directoryKey(), now);
        }
        audit.self(AuditEvent.EMAIL_CONFIRMATION, userId, command.clientAddress(), AuditEvent.SUCCESS, null);
        return users.byId(userId).orElseThrow(InvalidCodeException::new);
    }
}
