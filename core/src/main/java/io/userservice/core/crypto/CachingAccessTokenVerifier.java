package io.userservice.core.crypto;

import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.port.out.AccessTokenVerifier;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the claims of recently verified access tokens, keyed by the whole token, so a client
 * that sends the same token many times pays for one RSA signature check. An entry is used only
 * until the token's own expiry and for at most {@code maxAge} after it was verified; at most
 * {@code capacity} entries are kept. Only the signature and claim checks of the token itself are
 * skipped: whatever a caller checks after verification (the user still exists, its state) still
 * runs on every request, and a token that fails verification is never remembered. Whenever a key
 * stops being accepted (see {@link AccessTokenVerifier#keyGeneration()}), every remembered token
 * is verified again, so a revoked key's tokens are refused as soon as the verifier knows.
 */
public final class CachingAccessTokenVerifier implements AccessTokenVerifier {

    private final AccessTokenVerifier delegate;
    private final Clock clock;
    private final long maxAgeMillis;
    private final int capacity;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public CachingAccessTokenVerifier(AccessTokenVerifier delegate, Clock clock, Duration maxAge, int capacity) {
        if (maxAge.isNegative() || maxAge.isZero() || capacity < 1) {
            throw new IllegalArgumentException("the cache needs a positive age and capacity");
        }
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAgeMillis = maxAge.toMillis();
        this.capacity = capacity;
    }

    @Override
    public AccessTokenClaims verify(String token) {
        long now = clock.millis();
        long generation = delegate.keyGeneration();
        Entry cached = token == null ? null : entries.get(token);
        if (cached != null && now < cached.usableUntilMillis() && cached.generation() == generation) {
            return cached.claims();
        }
        AccessTokenClaims claims = delegate.verify(token);
        long usableUntil = Math.min(claims.expiresAt().toEpochMilli(), now + maxAgeMillis);
        if (usableUntil > now) {
            makeRoom(now);
            entries.put(token, new Entry(claims, usableUntil, generation));
        }
        return claims;
    }

    /** The number of remembered tokens (for tests and metrics). */
    int size() {
        return entries.size();
    }

    private void makeRoom(long now) {
        if (entries.size() < capacity) {
            return;
        }
        entries.values().removeIf(entry -> now >= entry.usableUntilMillis());
        if (entries.size() >= capacity) {
            entries.clear();
        }
    }

    @Override
    public long keyGeneration() {
        return delegate.keyGeneration();
    }

    private record Entry(AccessTokenClaims claims, long usableUntilMillis, long generation) {
    }
}
