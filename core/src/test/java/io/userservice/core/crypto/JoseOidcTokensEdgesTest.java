package io.userservice.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.MutableClock;
import io.userservice.core.memory.InMemorySigningKeys;
import io.userservice.core.port.out.OidcTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The exact edges of ID and service tokens: their length, the future {@code iat}, the age, the scope. */
class JoseOidcTokensEdgesTest {

    private final MutableClock clock = MutableClock.atSomeMoment();
    private final InMemorySigningKeys keyStore = new InMemorySigningKeys();
    private final OidcTokens oidc = new JoseAccessTokens(keyStore, clock, "https://id.example.com", "user-service")
            .oidcTokens();

    private String idToken(long issuedAtSeconds, String pad) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "7");
        claims.put("aud", "client-1");
        claims.put("iat", issuedAtSeconds);
        claims.put("exp", issuedAtSeconds + 900);
        claims.put("sid", pad);
        return oidc.idToken(claims);
    }

    private static String payloadOf(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    /** A token padded until its compact form is exactly {@code length} long. */
    private static String ofLength(int length, IntFunction<String> padded) {
        for (int pad = Math.max(0, (length - padded.apply(0).length()) * 3 / 4 - 8); pad < length; pad++) {
            String token = padded.apply(pad);
            if (token.length() == length) {
                return token;
            }
            if (token.length() > length) {
                break;
            }
        }
        throw new AssertionError("no padding gives a token of " + length + " characters");
    }

    @Test
    void anIdTokenIsReadUpTo8192Characters() {
        long now = clock.instant().getEpochSecond();
        String longest = ofLength(8192, pad -> idToken(now, "s".repeat(pad)));
        String tooLong = ofLength(8193, pad -> idToken(now, "s".repeat(pad)));

        assertThat(oidc.readIdToken(longest)).hasValueSatisfying(hint -> assertThat(hint.userId()).isEqualTo(7));
        assertThat(oidc.readIdToken(tooLong)).isEmpty();
    }

    @Test
    void anIdTokenIssuedUpToThirtySecondsAheadIsReadAndNotLater() {
        long now = clock.instant().getEpochSecond();

        assertThat(oidc.readIdToken(idToken(now, "session-1"))).isPresent();
        assertThat(oidc.readIdToken(idToken(now - 3600, "session-1"))).isPresent();
        assertThat(oidc.readIdToken(idToken(now + 30, "session-1"))).isPresent();
        assertThat(oidc.readIdToken(idToken(now + 31, "session-1"))).isEmpty();
    }

    @Test
    void aServiceTokenIsReadUpTo8192Characters() {
        Instant now = clock.instant();
        IntFunction<String> padded = pad -> oidc.serviceToken("client-1", "s".repeat(pad + 1), now,
                now.plusSeconds(900));
        String longest = ofLength(8192, padded);
        String tooLong = ofLength(8193, padded);

        assertThat(oidc.readServiceToken(longest)).isPresent();
        assertThat(oidc.readServiceToken(tooLong)).isEmpty();
    }

    @Test
    void aServiceTokenCarriesItsScopeOnlyWhenThereIsOneAndIsValidFromItsIssue() {
        Instant now = clock.instant();
        String withScope = oidc.serviceToken("client-1", "read write", now, now.plusSeconds(900));
        String emptyScope = oidc.serviceToken("client-1", "", now, now.plusSeconds(900));
        String noScope = oidc.serviceToken("client-1", null, now, now.plusSeconds(900));

        assertThat(oidc.readServiceToken(withScope).orElseThrow().scope()).isEqualTo("read write");
        assertThat(oidc.readServiceToken(emptyScope).orElseThrow().scope()).isNull();
        assertThat(oidc.readServiceToken(noScope).orElseThrow().scope()).isNull();
        assertThat(payloadOf(emptyScope)).doesNotContain("\"scope\"");
        assertThat(payloadOf(withScope)).contains("\"nbf\":" + now.getEpochSecond())
                .contains("\"iat\":" + now.getEpochSecond());
    }

    @Test
    void aServiceTokenIsAcceptedUntilTheLongestLifetimePlusTheSkewsOfAge() {
        Instant issued = clock.instant();
        String token = oidc.serviceToken("client-1", null, issued, issued.plus(Duration.ofDays(2)));

        clock.advance(Duration.ofDays(1).plusSeconds(20));
        assertThat(oidc.readServiceToken(token)).isPresent();

        clock.advance(Duration.ofSeconds(45));
        assertThat(oidc.readServiceToken(token)).isEmpty();
    }
}
