package io.userservice.core.service;

import io.userservice.core.port.in.SignOutOfPortalUseCase;
import io.userservice.core.port.out.PortalSessionPort;
import java.time.Clock;

final class SignOutOfPortalService implements SignOutOfPortalUseCase {

    private final PortalSessionPort sessions;
    private final Clock clock;

    SignOutOfPortalService(PortalSessionPort sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public void signOut(String sessionSecret) {
        if (PortalSessions.isPlausible(sessionSecret)) {
            sessions.end(Digests.sha256(sessionSecret), clock.instant());
        }
    }
}
