package io.userservice.core.service;

import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.port.in.EndSessionsUseCase;
import io.userservice.core.port.out.AccountStatePort;
import io.userservice.core.port.out.PortalSessionPort;
import io.userservice.core.port.out.RefreshTokenPort;
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

    EndSessionsService(AccountOwners owners, AccountStatePort accounts, RefreshTokenPort refreshTokens,
                       PortalSessionPort portalSessions, AuditTrail audit, Clock clock) {
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
            owners.ownerOrAdministrator(AuditEvent.SESSIONS_ENDED, caller, userId, command.clientAddress());
            accounts.signedOutEverywhere(userId, now);
            int revoked = refreshTokens.revokeAllOfUser(userId, now);
            portalSessions.endAllOfUser(userId, now);
            audit.record(AuditEvent.SESSIONS_ENDED, caller.realActor(), userId, command.clientAddress(),
                    AuditEvent.SUCCESS, "revoked " + revoked + " refresh token(s)");
            return;
        }
        owners.ownerOrAdministrator(AuditEvent.SESSION_ENDED, caller, userId, command.clientAddress());
        UUID sessionId = parse(command.sessionId());
        if (sessionId == null || !refreshTokens.revokeSession(userId, sessionId, now)) {
            throw new NotFoundException("not_found", "There is no such session.");
        }
        audit.record(AuditEvent.SESSION_ENDED, caller.realActor(), userId, command.clientAddress(),
                AuditEvent.SUCCESS, "session " + sessionId);
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
