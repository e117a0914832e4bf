package io.userservice.core.domain;

import java.time.Instant;

/**
 * A signed-in browser session of the portal. Only the hash of the session secret (the cookie
 * value) is stored.
 */
public record PortalSession(String sessionHash, long userId, Instant createdAt, Instant expiresAt) {

    public boolean isActiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
