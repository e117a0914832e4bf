package io.userservice.core.service;

import io.userservice.core.domain.RefreshToken;
import io.userservice.core.domain.SessionClient;
import io.userservice.core.domain.TokenPair;
import io.userservice.core.domain.User;
import io.userservice.core.port.out.AccessTokenIssuer;
import io.userservice.core.port.out.RefreshTokenPort;
import io.userservice.core.port.out.SecretGenerator;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.settings.CoreSettings;
import java.time.Clock;
import java.time.Instant;


/**
 * Issues access tokens and starts refresh-token families; shared by sign-in and refresh. Tokens
 * carry the credential epoch of the {@link User} they are given, as it was read when the caller
 * checked the credential, so a reset that landed since makes them worthless.
 */
final class TokenIssuance {

    private final AccessTokenIssuer accessTokens;
    private final RefreshTokenPort refreshTokens;
    private final SecretGenerator secrets;
    private final Clock clock;
    private final CoreSettings settings;
    private final ServiceObserver observer;

    TokenIssuance(AccessTokenIssuer accessTokens, RefreshTokenPort refreshTokens, SecretGenerator secrets,
                  Clock clock, CoreSettings settings, ServiceObserver observer) {
        this.observer = observer;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.secrets = secrets;
        this.clock = clock;
        this.settings = settings;
    }

    TokenPair forNewSession(User user) {
        return forNewSession(user, SessionClient.unknown());
    }

    /** Starts a session for {@code user}, remembering the client it started from. */
    TokenPair forNewSession(User user, SessionClient client) {
        Instant now = clock.instant();
        String refreshToken = secrets.newSecret();
        RefreshToken first = RefreshToken.startingSession(Digests.sha256(refreshToken), user, now,
                settings.refreshTokenTtl(), settings.sessionMaxLifetime());
        refreshTokens.save(first);
        refreshTokens.recordUse(first.familyId(), client, now);
        observer.tokenIssued(ServiceObserver.TokenKind.REFRESH);
        Instant expiresAt = now.plus(settings.accessTokenTtl());
        return new TokenPair(accessTokens.issueAtSignIn(user, now, expiresAt), expiresAt, refreshToken);
    }

    TokenPair withAccessToken(User user, Instant now, String refreshToken) {
        Instant expiresAt = now.plus(settings.accessTokenTtl());
        return new TokenPair(accessTokens.issue(user, now, expiresAt), expiresAt, refreshToken);
    }
}
