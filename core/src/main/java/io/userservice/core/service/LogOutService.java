package io.userservice.core.service;

import io.userservice.core.port.in.LogOutUseCase;
import io.userservice.core.port.out.RefreshTokenPort;
import java.time.Clock;

final class LogOutService implements LogOutUseCase {

    private final RefreshTokenPort refreshTokens;
    private final Clock clock;

    LogOutService(RefreshTokenPort refreshTokens, Clock clock) {
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    @Override
    public void logOut(Command command) {
        String token = command.refreshToken();
        if (token == null || token.isEmpty() || token.length() > 512) {
            return;
        }
        refreshTokens.findByHash(Digests.sha256(token))
                .ifPresent(found -> refreshTokens.revokeFamily(found.familyId(), clock.instant()));
    }
}
