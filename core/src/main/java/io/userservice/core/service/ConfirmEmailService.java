package io.userservice.core.service;

import io.userservice.core.domain.Actor;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.InvalidCodeException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ConfirmEmailUseCase;
import io.userservice.core.port.out.SingleUseCodePort;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.out.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

final class ConfirmEmailService implements ConfirmEmailUseCase {

    private final SingleUseCodePort codes;
    private final Users users;
    private final Clock clock;
    private final Transactions transactions;
    private final WebhookEvents events;
    private final Throttling throttling;
    private final AuditTrail audit;

    ConfirmEmailService(SingleUseCodePort codes, Users users, Clock clock,
                        Throttling throttling, AuditTrail audit, Transactions transactions, WebhookEvents events) {
        this.transactions = transactions;
        this.events = events;
        this.throttling = throttling;
        this.audit = audit;
        this.codes = codes;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public User confirm(Command command) {
        throttling.codeAttempt(AuditAction.EMAIL_CONFIRMATION, command.clientAddress());
        Instant now = clock.instant();
        Optional<Long> consumed = codes.consume(Digests.sha256(command.code()), CodePurpose.CONFIRM_EMAIL, now);
        if (consumed.isEmpty()) {
            audit.record(AuditAction.EMAIL_CONFIRMATION, Actor.unknown(), null, command.clientAddress(), Outcome.DENIED,
                    "invalid, expired or used code");
            throw new InvalidCodeException();
        }
        long userId = consumed.get();
        User user = users.byId(userId).orElseThrow(InvalidCodeException::new);
        if (!user.confirmed()) {
            transactions.run(() -> {
                users.directory().markConfirmed(user.directoryKey(), now);
                events.emit(WebhookEventType.USER_CONFIRMED, userId,
                        WebhookEvents.fields("email", user.email().value(), "confirmed", true));
            });
        }
        audit.self(AuditAction.EMAIL_CONFIRMATION, userId, command.clientAddress(), Outcome.SUCCESS, null);
        return users.byId(userId).orElseThrow(InvalidCodeException::new);
    }
}
