package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.DeactivateUserUseCase;
import io.userservice.core.domain.CodePurpose;
import io.userservice.core.port.out.AccountStatePort;
import io.userservice.core.port.out.EmailChangePort;
import io.userservice.core.port.out.SingleUseCodePort;
import io.userservice.core.port.out.RefreshTokenPort;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.out.Transactions;
import java.time.Clock;
import java.time.Instant;

final class DeactivateUserService implements DeactivateUserUseCase {

    private static final System.Logger LOG = System.getLogger(DeactivateUserService.class.getName());

    private final Users users;
    private final AccountStatePort accounts;
    private final RefreshTokenPort refreshTokens;
    private final Administrators administrators;
    private final AuditTrail audit;
    private final Clock clock;
    private final Transactions transactions;
    private final WebhookEvents events;
    private final SingleUseCodePort codes;
    private final EmailChangePort emailChanges;

    DeactivateUserService(Users users, AccountStatePort accounts, RefreshTokenPort refreshTokens,
                          Administrators administrators, AuditTrail audit, Clock clock,
                          Transactions transactions, WebhookEvents events,
                          SingleUseCodePort codes, EmailChangePort emailChanges) {
        this.codes = codes;
        this.emailChanges = emailChanges;
        this.transactions = transactions;
        this.events = events;
        this.users = users;
        this.accounts = accounts;
        this.refreshTokens = refreshTokens;
        this.administrators = administrators;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public User setActive(Command command) {
        AuditAction action = command.active() ? AuditAction.USER_ACTIVATED : AuditAction.USER_DEACTIVATED;
        administrators.require(action, command.caller(), command.targetUserId(), command.clientAddress(),
                "caller lacks the role", "Deactivating users needs role admin.");
        if (Administrators.isSelf(command.caller(), command.targetUserId())) {
            throw new InvalidInputException("cannot_deactivate_self", "id",
                    "An administrator cannot deactivate or reactivate themselves.");
        }
        users.byId(command.targetUserId())
                .orElseThrow(() -> new NotFoundException("user_not_found", "There is no user with this id."));
        Instant now = clock.instant();
        long userId = command.targetUserId();
        if (command.active()) {
            transactions.run(() -> {
                accounts.reactivate(userId);
                events.emit(WebhookEventType.USER_ACTIVATED, userId, WebhookEvents.fields("deactivated", false));
            });
        } else {
            int revoked = transactions.inTransaction(() -> {
                accounts.deactivate(userId, now);
                codes.invalidateAll(userId, CodePurpose.CHANGE_EMAIL, now);
                emailChanges.eraseUser(userId);
                events.emit(WebhookEventType.USER_DEACTIVATED, userId, WebhookEvents.fields("deactivated", true));
                int count = refreshTokens.revokeAllOfUser(userId, now);
                if (count > 0) {
                    events.emit(WebhookEventType.SESSION_REVOKED, userId,
                            WebhookEvents.fields("reason", "deactivated"));
                }
                return count;
            });
            LOG.log(System.Logger.Level.INFO, "revoked " + revoked + " refresh token(s) of deactivated user "
                    + userId);
        }
        audit.record(action, command.caller().auditActor(), command.targetUserId(), command.clientAddress(),
                Outcome.SUCCESS, null);
        return users.byId(command.targetUserId()).orElseThrow();
    }
}
