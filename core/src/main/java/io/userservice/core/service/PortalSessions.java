package io.userservice.core.service;

import io.userservice.core.domain.PortalSession;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.PortalLogin;
import io.userservice.core.port.out.PortalSessionPort;
import io.userservice.core.port.out.SecretGenerator;
import io.userservice.core.settings.CoreSettings;
import java.time.Clock;
import java.time.Instant;

/**
 * How a portal session starts and how its secret is told apart from junk; shared by the portal's
 * use cases. The session carries the user's credential epoch as read when the sign-in was checked.
 */
final class PortalSessions {

    private final PortalSessionPort sessions;
    private final SecretGenerator secrets;
    private final Clock clock;
    private final CoreSettings settings;

    PortalSessions(PortalSessionPort sessions, SecretGenerator secrets, Clock clock, CoreSettings settings) {
        this.sessions = sessions;
        this.secrets = secrets;
        this.clock = clock;
        this.settings = settings;
    }

    /** Starts a session whose sign-in method is {@code amr} ({@link io.userservice.core.domain.SignInMethods}, or null). */
    PortalLogin start(User user, String deviceToken, String amr) {
        Instant now = clock.instant();
        String secret = secrets.newSecret();
        Instant expiresAt = now.plus(settings.portalSessionTtl());
        sessions.create(new PortalSession(Digests.sha256(secret), user.id(), now, expiresAt,
                user.credentialEpoch(), amr));
        return new PortalLogin(user, secret, expiresAt, deviceToken);
    }

    static boolean isPlausible(String sessionSecret) {
        return sessionSecret != null && !sessionSecret.isEmpty() && sessionSecret.length() <= 256;
    }
}
