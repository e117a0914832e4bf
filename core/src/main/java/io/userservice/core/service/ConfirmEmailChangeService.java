package io.userservice.core.service;

import io.userservice.core.domain.Actor;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.EmailAlreadyTakenException;
import io.userservice.core.domain.EmailChange;
import io.userservice.core.domain.InvalidCodeException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.User;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.in.ConfirmEmailChangeUseCase;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.port.out.EmailChangePort;
import io.userservice.core.port.out.SingleUseCodePort;
import io.userservice.core.port.out.Transactions;
import java.time.Clock;
import java.time.Instant;

/**
 * The code is consumed in one atomic step before anything changes, so of two uses (on any number
 * of instances) one wins. A signed-in caller must own the code; it is checked before consuming,
 * so another user's attempt leaves the code usable. Reset codes mailed to the old address stop
 * working once the account has left it. A deactivated user, or a change requested before the
 * account's credentials last changed (a password change or reset, a sign-out everywhere), is
 * refused as an invalid code, so a change requested with a stolen session dies with it.
 */
final class ConfirmEmailChangeService implements ConfirmEmailChangeUseCase {

    private final Users users;
    private final SingleUseCodePort codes;
    private final EmailChangePort changes;
    private final Notices notices;
    private final Throttling throttling;
    private final AuditTrail audit;
    private final Clock clock;
    private final Transactions transactions;
    private final WebhookEvents events;

    ConfirmEmailChangeService(Users users, SingleUseCodePort codes, EmailChangePort changes, Notices notices,
                              Throttling throttling, AuditTrail audit, Clock clock, Transactions transactions,
                              WebhookEvents events) {
        this.transactions = transactions;
        this.events = events;
        this.users = users;
        this.codes = codes;
        this.changes = changes;
        this.notices = notices;
        this.throttling = throttling;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public User confirm(Command command) {
        users.require(DirectoryCapability.CHANGE_EMAIL, "email");
        throttling.codeAttempt(AuditAction.EMAIL_CHANGED, command.clientAddress());
        if (command.code() == null || command.code().isEmpty() || command.code().length() > 512) {
            throw invalid(command, "no code");
        }
        String codeHash = Digests.sha256(command.code());
        EmailChange change = changes.find(codeHash).orElseThrow(() -> invalid(command, "unknown code"));
        if (command.userId() != null && command.userId() != change.userId()) {
            throw invalid(command, "another user's code");
        }
        Instant now = clock.instant();
        if (codes.consume(codeHash, CodePurpose.CHANGE_EMAIL, now).isEmpty()) {
            throw invalid(command, "expired or used code");
        }
        long userId = change.userId();
        User user = users.byId(userId).orElseThrow(() -> invalid(command, "user gone"));
        if (user.deactivated()) {
            throw invalid(command, "user deactivated");
        }
        Instant requestedAt = change.expiresAt().minus(ChangeEmailService.CODE_TTL);
        if (user.validAfter() != null && user.validAfter().isAfter(requestedAt)) {
            throw invalid(command, "requested before the credentials last changed");
        }
        Email oldEmail = user.email();
        try {
            transactions.run(() -> {
                users.directory().changeEmail(user.directoryKey(), change.newEmail(), now);
                codes.invalidateAll(userId, CodePurpose.RESET_PASSWORD, now);
                codes.invalidateAll(userId, CodePurpose.CHANGE_EMAIL, now);
                changes.eraseUser(userId);
                events.emit(WebhookEventType.USER_EMAIL_CHANGED, userId,
                        WebhookEvents.fields("email", change.newEmail().value()));
            });
        } catch (EmailAlreadyTakenException e) {
            audit.self(AuditAction.EMAIL_CHANGED, userId, command.clientAddress(), Outcome.DENIED, "address taken");
            throw e;
        }
        User after = users.byId(userId).orElseThrow(() -> invalid(command, "user gone"));
        notices.emailChanged(after, oldEmail);
        audit.self(AuditAction.EMAIL_CHANGED, userId, command.clientAddress(), Outcome.SUCCESS, null);
        return after;
    }

    private InvalidCodeException invalid(Command command, String why) {
        audit.record(AuditAction.EMAIL_CHANGED, Actor.userOrUnknown(command.userId()), null, command.clientAddress(),
                Outcome.DENIED, why);
        return new InvalidCodeException();
    }
}
