package io.userservice.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.MutableClock;
import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.port.out.AccessTokenVerifier;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The edges of the verified-token cache: exactly when an entry stops being used, what a key
 * generation change does, and which entries make room. The verifier behind it is a fake that
 * knows a few tokens, each with its own expiry, and counts how often it is asked.
 */
class CachingAccessTokenVerifierEdgesTest {

    private final MutableClock clock = MutableClock.atSomeMoment();
    private final FakeVerifier verifier = new FakeVerifier();

    private CachingAccessTokenVerifier cache(Duration maxAge, int capacity) {
        return new CachingAccessTokenVerifier(verifier, clock, maxAge, capacity);
    }

    @Test
    void anEntryIsUsedUntilJustBeforeItsMaximumAge() {
        CachingAccessTokenVerifier cache = cache(Duration.ofSeconds(60), 10);
        verifier.knows("a", Duration.ofMinutes(15));
        cache.verify("a");

        clock.advance(Duration.ofSeconds(60).minusMillis(1));
        cache.verify("a");
        assertThat(verifier.calls("a")).isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        cache.verify("a");
        assertThat(verifier.calls("a")).isEqualTo(2);
    }

    @Test
    void anEntryIsUsedUntilJustBeforeTheTokenExpires() {
        CachingAccessTokenVerifier cache = cache(Duration.ofMinutes(10), 10);
        verifier.knows("a", Duration.ofSeconds(30));
        cache.verify("a");

        clock.advance(Duration.ofSeconds(30).minusMillis(1));
        cache.verify("a");
        assertThat(verifier.calls("a")).isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        cache.verify("a");
        assertThat(verifier.calls("a")).isEqualTo(2);
    }

    @Test
    void aTokenExpiringNowIsNotRemembered() {
        CachingAccessTokenVerifier cache = cache(Duration.ofSeconds(60), 10);
        verifier.knows("a", Duration.ZERO);

        cache.verify("a");
        cache.verify("a");

        assertThat(verifier.calls("a")).isEqualTo(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aNewKeyGenerationVerifiesEveryRememberedTokenAgain() {
        CachingAccessTokenVerifier cache = cache(Duration.ofSeconds(60), 10);
        verifier.knows("a", Duration.ofMinutes(15));
        cache.verify("a");

        verifier.generation = 1;
        cache.verify("a");
        cache.verify("a");

        assertThat(verifier.calls("a")).isEqualTo(2);
        assertThat(cache.keyGeneration()).isEqualTo(1);
    }

    @Test
    void aTokenRevokedWithItsKeyIsRefusedAtOnce() {
        CachingAccessTokenVerifier cache = cache(Duration.ofSeconds(60), 10);
        verifier.knows("a", Duration.ofMinutes(15));
        cache.verify("a");

        verifier.forget("a");
        verifier.generation = 1;

        assertThatThrownBy(() -> cache.verify("a")).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void theCachedClaimsAreTheVerifiersClaims() {
        CachingAccessTokenVerifier cache = cache(Duration.ofSeconds(60), 10);
        verifier.knows("a", Duration.ofMinutes(15));

        AccessTokenClaims first = cache.verify("a");

        assertThat(first).isSameAs(verifier.claims.get("a"));
        assertThat(cache.verify("a")).isSameAs(first);
    }

    @Test
    void aFullCacheDropsOnlyItsStaleEntriesWhenThatMakesRoom() {
        CachingAccessTokenVerifier cache = cache(Duration.ofMinutes(10), 2);
        verifier.knows("short", Duration.ofSeconds(10));
        verifier.knows("long", Duration.ofMinutes(15));
        verifier.knows("new", Duration.ofMinutes(15));
        cache.verify("short");
        cache.verify("long");
        assertThat(cache.size()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(10));
        cache.verify("new");

        assertThat(cache.size()).isEqualTo(2);
        cache.verify("long");
        cache.verify("new");
        assertThat(verifier.calls("long")).isEqualTo(1);
        assertThat(verifier.calls("new")).isEqualTo(1);
    }

    @Test
    void aFullCacheOfLiveEntriesStartsAfresh() {
        CachingAccessTokenVerifier cache = cache(Duration.ofMinutes(10), 2);
        verifier.knows("a", Duration.ofMinutes(15));
        verifier.knows("b", Duration.ofMinutes(15));
        verifier.knows("c", Duration.ofMinutes(15));
        cache.verify("a");
        cache.verify("b");

        cache.verify("c");

        assertThat(cache.size()).isEqualTo(1);
        cache.verify("c");
        assertThat(verifier.calls("c")).isEqualTo(1);
        cache.verify("a");
        assertThat(verifier.calls("a")).isEqualTo(2);
    }

    @Test
    void aCacheBelowCapacityKeepsEveryEntry() {
        CachingAccessTokenVerifier cache = cache(Duration.ofMinutes(10), 3);
        for (String token : new String[] {"a", "b", "c"}) {
            verifier.knows(token, Duration.ofMinutes(15));
            cache.verify(token);
        }

        assertThat(cache.size()).isEqualTo(3);
        for (String token : new String[] {"a", "b", "c"}) {
            cache.verify(token);
            assertThat(verifier.calls(token)).as(token).isEqualTo(1);
        }
    }

    @Test
    void theSmallestCacheIsOneEntryForOneMillisecond() {
        CachingAccessTokenVerifier cache = cache(Duration.ofMillis(1), 1);
        verifier.knows("a", Duration.ofMinutes(15));

        cache.verify("a");
        cache.verify("a");

        assertThat(verifier.calls("a")).isEqualTo(1);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aCacheNeedsAPositiveAgeAndCapacityAndAVerifierAndClock() {
        assertThatThrownBy(() -> cache(Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache(Duration.ofSeconds(-1), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache(Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CachingAccessTokenVerifier(null, clock, Duration.ofSeconds(1), 1))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CachingAccessTokenVerifier(verifier, null, Duration.ofSeconds(1), 1))
                .isInstanceOf(NullPointerException.class);
    }

    /** Verifies the tokens it was told about, each expiring at its own time; refuses the rest. */
    private final class FakeVerifier implements AccessTokenVerifier {
        final Map<String, AccessTokenClaims> claims = new HashMap<>();
        final Map<String, Integer> calls = new HashMap<>();
        long generation;

        void knows(String token, Duration lifetime) {
            Instant now = clock.instant();
            claims.put(token, new AccessTokenClaims(7, "jane@example.com", Set.of(), token, now, now.plus(lifetime),
                    false, null));
        }

        void forget(String token) {
            claims.remove(token);
        }

        int calls(String token) {
            return calls.getOrDefault(token, 0);
        }

        @Override
        public AccessTokenClaims verify(String token) {
            calls.merge(token, 1, Integer::sum);
            AccessTokenClaims known = claims.get(token);
            if (known == null) {
                throw new InvalidTokenException("The access token is not valid.");
            }
            return known;
        }

        @Override
        public long keyGeneration() {
            return generation;
        }
    }
}
