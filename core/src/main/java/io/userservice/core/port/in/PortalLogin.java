package io.userservice.core.port.in;

import io.userservice.core.domain.User;
import java.time.Instant;

/**
 * A started portal session: its secret (for the cookie), its user, when it ends, and the device
 * token the browser keeps for its next sign-in (null when none is issued).
 */
public record PortalLogin(User user, String sessionSecret, Instant expiresAt, String deviceToken) {
    @Override
    public String toString() {
        return "PortalLogin[user=" + user.id() + ", expiresAt=" + expiresAt + "]";
    }
}
