package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.in.EndSessionsUseCase;
import io.userservice.core.port.out.AccountStatePort;
import io.userservice.core.port.out.PortalSessionPort;
import io.userservice.core.port.out.RefreshTokenPort;
import io.userservice.core.port.out.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * One session ends by revoking its refresh-token family, only if it is the user's (a session id
 * of anyone else is as unknown as one that never existed). All end by raising the credential
 * epoch, which stops every access token too, and by revoking every family and portal session.
 */
final class EndSessionsService implements EndSessionsUseCase {

    private final AccountOwners owners;
    private final AccountStatePort accounts;
    private final RefreshTokenPort refreshTokens;
    private final PortalSessionPort portalSessions;
    private final AuditTrail audit;
    private final Clock clock;
    private final Transactions transactions;
    private final WebhookEvents events;

    EndSessionsService(AccountOwners owners, AccountStatePort accounts, RefreshTokenPort refreshTokens,
                       PortalSessionPort portalSessions, AuditTrail audit, Clock clock, Transactions transactions,
                       WebhookEvents events) {
        this.transactions = transactions;
        this.events = events;
        this.owners = owners;
        this.accounts = accounts;
        this.refreshTokens = refreshTokens;
        this.portalSessions = portalSessions;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void end(Command command) {
        Caller caller = command.caller();
        long userId = command.userId();
        Instant now = clock.instant();
        if (command.sessionId() == null) {
            owners.ownerOrAdministrator(AuditAction.SESSIONS_ENDED, caller, userId, command.clientAddress());
            int revoked = transactions.inTransaction(() -> {
                accounts.signedOutEverywhere(userId, now);
                int ended = refreshTokens.revokeAllOfUser(userId, now);
                portalSessions.endAllOfUser(userId, now);
                events.emit(WebhookEventType.SESSION_REVOKED, userId, WebhookEvents.fields("reason", "signed_out"));
                return ended;
            });
            audit.record(AuditAction.SESSIONS_ENDED, caller.auditActor(), userId, command.clientAddress(),
                    Outcome.SUCCESS, "revoked " + revoked + " refresh token(s)");
            return;
        }
        owners.ownerOrAdministrator(AuditAction.SESSION_ENDED, caller, userId, command.clientAddress());
        UUID sessionId = parse(command.sessionId());
        boolean ended = sessionId != null && transactions.inTransaction(() -> {
            if (!refreshTokens.revokeSession(userId, sessionId, now)) {
                return false;
            }
            events.emit(WebhookEventType.SESSION_REVOKED, userId, WebhookEvents.fields("reason", "ended",
                    "session", sessionId.toString()));
            return true;
        });
        if (!ended) {
            throw new NotFoundException("not_found", "There is no such session.");
        }
        audit.record(AuditAction.SESSION_ENDED, caller.auditActor(), userId, command.clientAddress(),
                Outcome.SUCCESS, "session " + sessionId);
    }

    private static UUID parse(String id) {
        try {
            UUID parsed = UUID.fromString(id);
            return parsed.toString().equals(id.toLowerCase(java.util.Locale.ROOT)) ? parsed : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
