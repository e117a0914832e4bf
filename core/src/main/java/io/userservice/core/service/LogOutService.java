package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.Outcome;
import io.userservice.core.port.in.LogOutUseCase;
import io.userservice.core.port.out.RefreshTokenPort;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.out.Transactions;
import java.time.Clock;

final class LogOutService implements LogOutUseCase {

    private final RefreshTokenPort refreshTokens;
    private final Clock clock;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final WebhookEvents events;

    LogOutService(RefreshTokenPort refreshTokens, Clock clock, AuditTrail audit, Transactions transactions,
                  WebhookEvents events) {
        this.transactions = transactions;
        this.events = events;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
        this.audit = audit;
    }

    @Override
    public void logOut(Command command) {
        String token = command.refreshToken();
        if (token == null || token.isEmpty() || token.length() > 512) {
            return;
        }
        refreshTokens.findByHash(Digests.sha256(token)).ifPresent(found -> {
            int revoked = transactions.inTransaction(() -> {
                int count = refreshTokens.revokeFamily(found.familyId(), clock.instant());
                if (count > 0) {
                    events.emit(WebhookEventType.SESSION_REVOKED, found.userId(),
                            WebhookEvents.fields("reason", "logout"));
                }
                return count;
            });
            audit.self(AuditAction.LOGOUT, found.userId(), command.clientAddress(), Outcome.SUCCESS,
                    "revoked " + revoked + " token(s) of family " + found.familyId());
        });
    }
}
