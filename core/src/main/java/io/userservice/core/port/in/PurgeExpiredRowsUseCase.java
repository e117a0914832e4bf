package io.userservice.core.port.in;

/**
 * Deletes the stored rows no rule reads any more: recorded uses of one-time tokens whose tokens
 * have expired, expired or ended portal sessions, expired single-use codes (used or not) and passkey
 * challenges, and
 * signing keys retired so long ago that no token they signed is still valid, and OpenID Connect
 * authorization codes a day after they expired (until then a replay still revokes what the code
 * gave). Safe to run on any
 * number of instances at once: each row is deleted by one statement, once.
 */
public interface PurgeExpiredRowsUseCase {

    /** How many rows of each kind one purge deleted; expired passkey challenges count as single-use codes. */
    record Purged(int consumedTokens, int portalSessions, int singleUseCodes, int signingKeys,
                  int authorizationCodes, int mfaChallenges) {

        /** A purge that found no OpenID Connect authorization code to delete. */
        public Purged(int consumedTokens, int portalSessions, int singleUseCodes, int signingKeys) {
            this(consumedTokens, portalSessions, singleUseCodes, signingKeys, 0);
        }

        /** A purge that found no sign-in challenge to delete. */
        public Purged(int consumedTokens, int portalSessions, int singleUseCodes, int signingKeys,
                      int authorizationCodes) {
            this(consumedTokens, portalSessions, singleUseCodes, signingKeys, authorizationCodes, 0);
        }

        public int total() {
            return consumedTokens + portalSessions + singleUseCodes + signingKeys + authorizationCodes + mfaChallenges;
        }
    }

    Purged purge();
}
