package io.userservice.core.domain;

import java.time.Instant;

/**
 * A signed-in browser session of the portal. Only the hash of the session secret (the cookie
 * value) is stored. {@code epoch} is the user's credential epoch when the session started (see
 * {@link User#credentialEpoch()}); the session works only while the user is still at it.
 */
public record PortalSession(String sessionHash, long userId, Instant createdAt, Instant expiresAt, long epoch) {

    /** A session started at the first credential epoch. */
    public PortalSession(String sessionHash, long userId, Instant createdAt, Instant expiresAt) {
        this(sessionHash, userId, createdAt, expiresAt, 0);
    }

    public boolean isActiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
