package io.userservice.core.domain;

import java.time.Instant;

/**
 * A signed-in browser session of the portal. Only the hash of the session secret (the cookie
 * value) is stored. {@code epoch} is the user's credential epoch when the session started (see
 * {@link User#credentialEpoch()}); the session works only while the user is still at it.
 * {@code amr} says how the user signed in (see {@link SignInMethods}), or is {@code null} when
 * that is not known (a session started from a portal token, or before the method was recorded).
 */
public record PortalSession(String sessionHash, long userId, Instant createdAt, Instant expiresAt, long epoch,
                            String amr) {

    /** A session whose sign-in method is not known. */
    public PortalSession(String sessionHash, long userId, Instant createdAt, Instant expiresAt, long epoch) {
        this(sessionHash, userId, createdAt, expiresAt, epoch, null);
    }

    /** A session started at the first credential epoch. */
    public PortalSession(String sessionHash, long userId, Instant createdAt, Instant expiresAt) {
        this(sessionHash, userId, createdAt, expiresAt, 0);
    }

    public boolean isActiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
