package io.userservice.core.service;

import io.userservice.core.domain.PortalSession;
import io.userservice.core.domain.User;
import io.userservice.core.port.out.PortalSessionPort;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The browser session the OpenID Connect provider shares with the portal: its user, when the
 * password was entered ({@code auth_time}), and its public identifier ({@code sid}), a digest of
 * the stored digest of the cookie, so it reveals nothing that opens the session.
 */
final class BrowserSessions {

    private final PortalSessionPort sessions;
    private final Users users;
    private final Clock clock;

    record Signed(User user, PortalSession session, String sessionId) {
    }

    BrowserSessions(PortalSessionPort sessions, Users users, Clock clock) {
        this.sessions = sessions;
        this.users = users;
        this.clock = clock;
    }

    Optional<Signed> current(String sessionSecret) {
        if (!PortalSessions.isPlausible(sessionSecret)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return sessions.find(Digests.sha256(sessionSecret))
                .filter(session -> session.isActiveAt(now))
                .flatMap(session -> users.byId(session.userId())
                        .filter(user -> user.accepts(session.createdAt(), session.epoch()))
                        .map(user -> new Signed(user, session, sessionIdOf(session.sessionHash()))));
    }

    void end(String sessionSecret) {
        if (PortalSessions.isPlausible(sessionSecret)) {
            sessions.end(Digests.sha256(sessionSecret), clock.instant());
        }
    }

    static String sessionIdOf(String sessionHash) {
        return Digests.sha256("oidc-sid:" + sessionHash).substring(0, 32);
    }
}
