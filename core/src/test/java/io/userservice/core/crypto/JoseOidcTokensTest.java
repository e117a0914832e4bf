package io.userservice.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.MutableClock;
import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.User;
import io.userservice.core.memory.InMemorySigningKeys;
import io.userservice.core.port.out.OidcTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** ID tokens, service tokens and access tokens never stand in for one another. */
class JoseOidcTokensTest {

    private final MutableClock clock = MutableClock.atSomeMoment();
    private final JoseAccessTokens accessTokens = new JoseAccessTokens(new InMemorySigningKeys(), clock,
            "https://id.example.com", "user-service");
    private final OidcTokens oidc = accessTokens.oidcTokens();
    private final User user = new User(7, "7", UUID.randomUUID(), Email.of("jane@example.com"), "Jane", null, "en", 0,
            Set.of(), true, clock.instant(), clock.instant());

    private String idToken(Instant issuedAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "7");
        claims.put("aud", "client-1");
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", issuedAt.plusSeconds(900).getEpochSecond());
        claims.put("sid", "session-1");
        return oidc.idToken(claims);
    }

    private String serviceToken() {
        return oidc.serviceToken("client-1", null, clock.instant(), clock.instant().plus(Duration.ofMinutes(15)));
    }

    private String clientAccessToken() {
        return accessTokens.issueForClient(user, "client-1", "openid", UUID.randomUUID().toString(), clock.instant(),
                clock.instant().plus(Duration.ofMinutes(15)));
    }

    @Test
    void anIdTokenIsReadAsAHintEvenExpiredButNeverAsAnAccessToken() {
        String idToken = idToken(clock.instant());
        clock.advance(Duration.ofDays(2));

        OidcTokens.IdTokenHint hint = oidc.readIdToken(idToken).orElseThrow();
        assertThat(hint.userId()).isEqualTo(7);
        assertThat(hint.clientId()).isEqualTo("client-1");
        assertThat(hint.sessionId()).isEqualTo("session-1");
        assertThatThrownBy(() -> accessTokens.verify(idToken(clock.instant()))).isInstanceOf(InvalidTokenException.class);
        assertThat(oidc.readServiceToken(idToken(clock.instant()))).isEmpty();
    }

    @Test
    void anIdTokenFromTheFutureOrTamperedWithIsNoHint() {
        assertThat(oidc.readIdToken(idToken(clock.instant().plus(Duration.ofHours(1))))).isEmpty();
        String token = idToken(clock.instant());
        String[] parts = token.split("\\.");
        String otherPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"iss\":\"https://id.example.com\",\"sub\":\"1\",\"aud\":\"client-1\",\"iat\":1}".getBytes());
        assertThat(oidc.readIdToken(parts[0] + "." + otherPayload + "." + parts[2])).isEmpty();
        assertThat(oidc.readIdToken("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiI3In0.")).isEmpty();
    }

    @Test
    void anAccessTokenIsNoIdTokenHintNorServiceToken() {
        assertThat(oidc.readIdToken(accessTokens.issue(user, clock.instant(), clock.instant().plusSeconds(900)))).isEmpty();
        assertThat(oidc.readIdToken(clientAccessToken())).isEmpty();
        assertThat(oidc.readServiceToken(clientAccessToken())).isEmpty();
        assertThat(oidc.readServiceToken(accessTokens.issue(user, clock.instant(), clock.instant().plusSeconds(900))))
                .isEmpty();
    }

    @Test
    void aServiceTokenIsReadAsOneAndRefusedAsAUsersAccessToken() {
        String token = serviceToken();

        OidcTokens.ServiceToken read = oidc.readServiceToken(token).orElseThrow();
        assertThat(read.clientId()).isEqualTo("client-1");
        assertThatThrownBy(() -> accessTokens.verify(token)).isInstanceOf(InvalidTokenException.class);
        assertThat(oidc.readIdToken(token)).isEmpty();
        clock.advance(Duration.ofMinutes(16));
        assertThat(oidc.readServiceToken(token)).as("expired").isEmpty();
    }

    @Test
    void aClientsAccessTokenNamesTheClientScopeAndGrant() {
        AccessTokenClaims claims = accessTokens.verify(clientAccessToken());

        assertThat(claims.isForClient()).isTrue();
        assertThat(claims.clientId()).isEqualTo("client-1");
        assertThat(claims.scope()).isEqualTo("openid");
        assertThat(claims.grantId()).isNotBlank();
        assertThat(accessTokens.verify(accessTokens.issue(user, clock.instant(), clock.instant().plusSeconds(60)))
                .isForClient()).isFalse();
    }
}
