package io.userservice.ldap;

import io.userservice.core.domain.DirectoryUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Users found recently, by key, for a few seconds: every authenticated request looks its user up,
 * and the directory need not answer that again and again. Bounded (the least recently used go
 * first) and per instance. A user changed in the directory is seen here at most {@code ttl} late;
 * what the service itself keeps (deactivation, sessions, roles it granted) is not cached here.
 */
final class LookupCache {

    private record Cached(DirectoryUser user, Instant expiresAt) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final int capacity;
    private final Map<String, Cached> users;

    LookupCache(Clock clock, Duration ttl, int capacity) {
        this.clock = clock;
        this.ttl = ttl;
        this.capacity = capacity;
        this.users = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > LookupCache.this.capacity;
            }
        };
    }

    boolean enabled() {
        return capacity > 0 && !ttl.isZero();
    }

    synchronized Optional<DirectoryUser> get(String key) {
        Cached cached = users.get(key);
        if (cached == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(cached.expiresAt())) {
            users.remove(key);
            return Optional.empty();
        }
        return Optional.of(cached.user());
    }

    synchronized void put(DirectoryUser user) {
        if (enabled()) {
            users.put(user.key(), new Cached(user, clock.instant().plus(ttl)));
        }
    }
}
