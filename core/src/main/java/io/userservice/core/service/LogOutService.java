package io.userservice.core.service;

import io.userservice.core.domain.AuditEvent;
import io.userservice.core.port.in.LogOutUseCase;
import io.userservice.core.port.out.RefreshTokenPort;
import java.time.Clock;

final class LogOutService implements LogOutUseCase {

    private final RefreshTokenPort refreshTokens;
    private final Clock clock;
    private final AuditTrail audit;

    LogOutService(RefreshTokenPort refreshTokens, Clock clock, AuditTrail audit) {
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
            int revoked = refreshTokens.revokeFamily(found.familyId(), clock.instant());
            audit.self(AuditEvent.LOGOUT, found.userId(), command.clientAddress(), AuditEvent.SUCCESS,
                    "revoked " + revoked + " token(s) of family " + found.familyId());
        });
    }
}
