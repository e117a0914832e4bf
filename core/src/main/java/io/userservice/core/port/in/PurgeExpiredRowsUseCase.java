package io.userservice.core.port.in;

/**
 * Deletes the stored rows no rule reads any more: recorded uses of one-time tokens whose tokens
 * have expired, expired or ended portal sessions, expired single-use codes (used or not), and
 * signing keys retired so long ago that no token they signed is still valid. Safe to run on any
 * number of instances at once: each row is deleted by one statement, once.
 */
public interface PurgeExpiredRowsUseCase {

    /** How many rows of each kind one purge deleted. */
    record Purged(int consumedTokens, int portalSessions, int singleUseCodes, int signingKeys) {

        public int total() {
            return consumedTokens + portalSessions + singleUseCodes + signingKeys;
        }
    }

    Purged purge();
}
