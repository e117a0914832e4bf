package io.userservice.core.service;

import io.userservice.core.port.out.PasskeyChallengePort;
import io.userservice.core.port.in.PurgeExpiredRowsUseCase;
import io.userservice.core.port.out.AuthorizationCodePort;
import io.userservice.core.port.out.ServiceState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes what expired, each kind with a margin past the moment it stopped mattering: a
 * one-time token's use is kept a while after the token expired (clocks of instances differ a
 * little, and a forgotten use must never let an unexpired token be used again), and a retired
 * key a day after the last token it signed expired (the JWKS keeps publishing it until then).
 */
final class PurgeExpiredRowsService implements PurgeExpiredRowsUseCase {

    static final Duration CONSUMED_TOKEN_MARGIN = Duration.ofMinutes(10);
    static final Duration RETIRED_KEY_MARGIN = Duration.ofDays(1);
    /** A replayed code revokes what it gave while its row is kept; a day covers any honest client's retry. */
    static final Duration AUTHORIZATION_CODE_MARGIN = Duration.ofDays(1);

    private final ServiceState state;
    private final AuthorizationCodePort authorizationCodes;
    private final PasskeyChallengePort passkeyChallenges;
    private final Clock clock;
    private final Duration longestTokenLifetime;

    PurgeExpiredRowsService(ServiceState state, AuthorizationCodePort authorizationCodes,
                            PasskeyChallengePort passkeyChallenges, Clock clock, Duration longestTokenLifetime) {
        this.passkeyChallenges = passkeyChallenges;
        this.state = state;
        this.authorizationCodes = authorizationCodes;
        this.clock = clock;
        this.longestTokenLifetime = longestTokenLifetime;
    }

    @Override
    public Purged purge() {
        Instant now = clock.instant();
        return new Purged(
                state.consumedTokens().deleteExpiredBefore(now.minus(CONSUMED_TOKEN_MARGIN)),
                state.portalSessions().deleteExpiredBefore(now),
                state.codes().deleteExpiredBefore(now) + passkeyChallenges.deleteExpiredBefore(now),
                state.signingKeys().deleteRetiredBefore(now.minus(longestTokenLifetime).minus(RETIRED_KEY_MARGIN)),
                authorizationCodes.deleteExpiredBefore(now.minus(AUTHORIZATION_CODE_MARGIN)),
                state.mfaChallenges().deleteExpiredBefore(now));
    }
}
