package io.userservice.core.service;

import io.userservice.core.domain.User;
import io.userservice.core.port.in.CurrentPortalUserUseCase;
import io.userservice.core.port.out.PortalSessionPort;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

final class CurrentPortalUserService implements CurrentPortalUserUseCase {

    private final PortalSessionPort sessions;
    private final Users users;
    private final Clock clock;

    CurrentPortalUserService(PortalSessionPort sessions, Users users, Clock clock) {
        this.sessions = sessions;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public Optional<User> currentUser(String sessionSecret) {
        if (!PortalSessions.isPlausible(sessionSecret)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return sessions.find(Digests.sha256(sessionSecret))
                .filter(session -> session.isActiveAt(now))
                .flatMap(session -> users.byId(session.userId())
                        .filter(user -> user.accepts(session.createdAt(), session.epoch())));
    }
}
