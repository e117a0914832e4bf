package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Session;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ListSessionsUseCase;
import io.userservice.core.port.out.RefreshTokenPort;
import java.time.Clock;
import java.util.List;

final class ListSessionsService implements ListSessionsUseCase {

    private final AccountOwners owners;
    private final RefreshTokenPort refreshTokens;
    private final Clock clock;

    ListSessionsService(AccountOwners owners, RefreshTokenPort refreshTokens, Clock clock) {
        this.owners = owners;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    @Override
    public List<Session> list(Caller caller, long userId) {
        User user = owners.ownerOrAdministrator(AuditAction.SESSIONS_ENDED, caller, userId, ClientAddress.unknown());
        return refreshTokens.sessionsOf(userId, user.credentialEpoch(), clock.instant());
    }
}
