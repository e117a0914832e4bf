package io.userservice.core.port.out;

import io.userservice.core.domain.PortalSession;
import java.time.Instant;
import java.util.Optional;

/** Stores portal sessions by the hash of their secret. */
public interface PortalSessionPort {

    void create(PortalSession session);

    /** The session, if it exists and has not been ended. */
    Optional<PortalSession> find(String sessionHash);

    /** Ends the session; ending an unknown or ended session does nothing. */
    void end(String sessionHash, Instant at);

    /**
     * Deletes the sessions that expired (or were ended) before {@code cutoff}; returns how many.
     * One statement: instances purging at once delete each session once, and a live session
     * is never touched.
     */
    int deleteExpiredBefore(Instant cutoff);

    /** Ends every session of the user that is not ended yet; returns how many. */
    int endAllOfUser(long userId, Instant at);

    /** Erases every session of the user, ended or not; returns how many. */
    int eraseUser(long userId);
}
