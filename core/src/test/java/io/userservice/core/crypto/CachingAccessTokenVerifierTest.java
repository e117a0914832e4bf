package io.userservice.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.MutableClock;
import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.memory.InMemorySigningKeys;
import io.userservice.core.port.out.AccessTokenVerifier;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingAccessTokenVerifierTest {

    private final MutableClock clock = MutableClock.atSomeMoment();
    private final JoseAccessTokens tokens = new JoseAccessTokens(new InMemorySigningKeys(), clock,
            "https://id.example.com", "api");
    private final AtomicInteger verifications = new AtomicInteger();
    private final AccessTokenVerifier counting = token -> {
        verifications.incrementAndGet();
        return tokens.verify(token);
    };
    private final CachingAccessTokenVerifier cache = new CachingAccessTokenVerifier(counting, clock,
            Duration.ofSeconds(60), 3);

    private String tokenFor(long userId, Duration lifetime) {
        User user = new User(userId, Long.toString(userId), UUID.randomUUID(), Email.of("u" + userId + "@example.com"), null,
                null, "en", 0, Set.of(Role.USER_EDIT), true, clock.instant(), clock.instant());
        return tokens.issue(user, clock.instant(), clock.instant().plus(lifetime));
    }

    @Test
    void aTokenSentAgainIsNotVerifiedAgainAndGivesTheSameClaims() {
        String token = tokenFor(7, Duration.ofMinutes(15));

        AccessTokenClaims first = cache.verify(token);
        AccessTokenClaims second = cache.verify(token);

        assertThat(second).isEqualTo(first);
        assertThat(second.userId()).isEqualTo(7);
        assertThat(verifications.get()).isEqualTo(1);
    }

    @Test
    void aRememberedTokenIsVerifiedAgainAfterTheMaximumAge() {
        String token = tokenFor(7, Duration.ofMinutes(15));
        cache.verify(token);
        clock.advance(Duration.ofSeconds(61));

        cache.verify(token);

        assertThat(verifications.get()).isEqualTo(2);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItHasExpired() {
        String token = tokenFor(7, Duration.ofSeconds(40));
        cache.verify(token);
        clock.advance(Duration.ofSeconds(41));

        // still inside the cache's maximum age, but past the token's own expiry: verified again,
        // and the verifier's clock skew allowance is the verifier's decision, not the cache's
        cache.verify(token);
        assertThat(verifications.get()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(5));
        assertThatThrownBy(() -> cache.verify(token)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        String token = tokenFor(7, Duration.ofMinutes(15));
        String tampered = token.substring(0, token.length() - 4) + "AAAA";

        assertThatThrownBy(() -> cache.verify(tampered)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> cache.verify(tampered)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> cache.verify(null)).isInstanceOf(InvalidTokenException.class);

        assertThat(verifications.get()).isEqualTo(3);
        assertThat(cache.size()).isZero();
    }

    @Test
    void itKeepsNoMoreThanItsCapacity() {
        for (long id = 1; id <= 10; id++) {
            cache.verify(tokenFor(id, Duration.ofMinutes(15)));
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
        assertThat(verifications.get()).isEqualTo(10);
    }
}
