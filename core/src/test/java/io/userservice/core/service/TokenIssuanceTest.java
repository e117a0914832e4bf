package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.CoreFixture;
import io.userservice.core.MutableClock;
import io.userservice.core.domain.RefreshToken;
import io.userservice.core.domain.Session;
import io.userservice.core.domain.SessionClient;
import io.userservice.core.domain.TokenPair;
import io.userservice.core.domain.User;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.port.out.AccessTokenIssuer;
import io.userservice.core.port.out.RefreshTokenPort;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.port.out.ServiceObserver.TokenKind;
import io.userservice.core.settings.CoreSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A new session: a refresh token stored only as its digest, at the user's credential epoch, with
 * the client it started from recorded (an unknown one when none is given), counted as a refresh
 * token issued, and an access token from a sign-in that expires after the access-token lifetime.
 */
class TokenIssuanceTest {

    private final CoreFixture fixture = new CoreFixture();
    private final User ann = fixture.aConfirmedUser("ann@example.com");
    private final MutableClock clock = MutableClock.atSomeMoment();
    private final RefreshTokenPort refreshTokens = InMemoryServiceState.create().refreshTokens();
    private final List<TokenKind> counted = new ArrayList<>();
    private final List<String> signedAtSignIn = new ArrayList<>();
    private final TokenIssuance issuance = new TokenIssuance(new AccessTokenIssuer() {
        @Override
        public String issueAtSignIn(User user, Instant issuedAt, Instant expiresAt) {
            String token = "signed-in:" + user.id() + "@" + issuedAt + "/" + expiresAt;
            signedAtSignIn.add(token);
            return token;
        }

        @Override
        public String issue(User user, Instant issuedAt, Instant expiresAt, boolean portalLogin) {
            return "plain:" + user.id() + "@" + issuedAt + "/" + expiresAt;
        }

        @Override
        public String issueOnBehalf(User subject, User actor, Instant issuedAt, Instant expiresAt) {
            throw new AssertionError("a session is never started on someone's behalf");
        }

        @Override
        public String publicKeySetJson() {
            return "{\"keys\":[]}";
        }
    }, refreshTokens, () -> "refresh-secret", clock, CoreSettings.defaults(), new ServiceObserver() {
        @Override
        public void tokenIssued(TokenKind kind) {
            counted.add(kind);
        }
    });

    @Test
    void aSessionWithoutAKnownClientStartsFromAnUnknownOne() {
        Instant now = clock.instant();

        TokenPair pair = issuance.forNewSession(ann);

        assertThat(pair).isNotNull();
        assertThat(pair.refreshToken()).isEqualTo("refresh-secret");
        assertThat(pair.accessTokenExpiresAt()).isEqualTo(now.plus(Duration.ofMinutes(15)));
        assertThat(pair.accessToken()).isEqualTo(signedAtSignIn.get(0));
        List<Session> sessions = refreshTokens.sessionsOf(ann.id(), ann.credentialEpoch(), now);
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).signInClient()).isEqualTo(SessionClient.unknown());
    }

    @Test
    void theRefreshTokenIsStoredOnlyAsItsDigestAtTheUsersEpoch() {
        Instant now = clock.instant();

        issuance.forNewSession(ann, new SessionClient("192.0.2.1", "Firefox"));

        assertThat(refreshTokens.findByHash("refresh-secret")).isEmpty();
        RefreshToken stored = refreshTokens.findByHash(Digests.sha256("refresh-secret")).orElseThrow();
        assertThat(stored.userId()).isEqualTo(ann.id());
        assertThat(stored.epoch()).isEqualTo(ann.credentialEpoch());
        assertThat(stored.issuedAt()).isEqualTo(now);
        assertThat(refreshTokens.sessionsOf(ann.id(), ann.credentialEpoch(), now))
                .extracting(Session::signInClient).containsExactly(new SessionClient("192.0.2.1", "Firefox"));
    }

    @Test
    void eachNewSessionIsCountedAsOneRefreshTokenIssued() {
        issuance.forNewSession(ann);
        issuance.forNewSession(ann, new SessionClient("192.0.2.1", "Firefox"));

        assertThat(counted).containsExactly(TokenKind.REFRESH, TokenKind.REFRESH);
    }

    @Test
    void aFreshAccessTokenForAKnownRefreshTokenIsNoSignIn() {
        Instant at = clock.instant().plusSeconds(90);

        TokenPair pair = issuance.withAccessToken(ann, at, "kept-refresh");

        assertThat(pair.refreshToken()).isEqualTo("kept-refresh");
        assertThat(pair.accessTokenExpiresAt()).isEqualTo(at.plus(Duration.ofMinutes(15)));
        assertThat(pair.accessToken()).startsWith("plain:" + ann.id());
        assertThat(signedAtSignIn).isEmpty();
        assertThat(counted).isEmpty();
    }
}
