package io.userservice.app;

import java.time.Duration;
import java.util.Map;

/**
 * The limits that keep the server fast under load, read with {@link AppConfig} from the same
 * settings ({@link AppConfig#performance()}): how many password hashes run at once and how many may wait, the
 * cache of verified access tokens, and the HTTP thread pool. The README lists each with its
 * default; docs/benchmarks.md has the measurements behind the defaults.
 *
 * @param hashConcurrency  password hashes running at once (default: one per core)
 * @param hashQueue        sign-ins waiting for a hashing slot before new ones get 503
 * @param tokenCacheSize   verified access tokens remembered (0 turns the cache off)
 * @param tokenCacheMaxAge how long a verified token is remembered at most (never past its expiry)
 * @param httpMaxThreads   largest number of HTTP worker threads
 * @param stateCacheSize   users whose account state this instance keeps a copy of (0 turns the copy off)
 * @param stateCachePoll   how often the copy is checked against the database's change record (on
 *                         PostgreSQL: how often the listener proves its connection); the copy is
 *                         never used when the last check started more than twice this long ago
 */
public record PerformanceConfig(int hashConcurrency, int hashQueue, int tokenCacheSize, Duration tokenCacheMaxAge,
                                int httpMaxThreads, int stateCacheSize, Duration stateCachePoll) {

    public PerformanceConfig(int hashConcurrency, int hashQueue, int tokenCacheSize, Duration tokenCacheMaxAge,
                             int httpMaxThreads) {
        this(hashConcurrency, hashQueue, tokenCacheSize, tokenCacheMaxAge, httpMaxThreads, DEFAULT_STATE_CACHE_SIZE,
                DEFAULT_STATE_CACHE_POLL);
    }

    static final int DEFAULT_STATE_CACHE_SIZE = 10_000;
    static final Duration DEFAULT_STATE_CACHE_POLL = Duration.ofMillis(100);

    /** The longest a copied account state may lag behind a committed change. */
    public Duration stateCacheMaxLag() {
        return stateCachePoll.multipliedBy(2);
    }

    /** These limits alone, from an environment (and the properties file it may name). */
    public static PerformanceConfig from(Map<String, String> environment) {
        return from(AppConfig.settings(environment));
    }

    static PerformanceConfig from(Settings s) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new PerformanceConfig(
                s.integer("USERSVC_HASH_CONCURRENCY", cores, 1, 256),
                s.integer("USERSVC_HASH_QUEUE", 16, 0, 10_000),
                s.integer("USERSVC_TOKEN_CACHE_SIZE", 10_000, 0, 10_000_000),
                s.duration("USERSVC_TOKEN_CACHE_MAX_AGE", Duration.ofSeconds(60), false),
                s.integer("USERSVC_HTTP_MAX_THREADS", 64, 8, 1_000),
                s.integer("USERSVC_STATE_CACHE_SIZE", DEFAULT_STATE_CACHE_SIZE, 0, 10_000_000),
                Duration.ofMillis(s.integer("USERSVC_STATE_CACHE_POLL_MS",
                        (int) DEFAULT_STATE_CACHE_POLL.toMillis(), 10, 60_000)));
    }

    /** The defaults, as with an empty environment. */
    public static PerformanceConfig defaults() {
        return from(Map.of());
    }
}
