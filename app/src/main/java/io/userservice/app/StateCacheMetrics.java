package io.userservice.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.userservice.core.service.CachedAccountState;

/**
 * The figures of this instance's copy of account state and directory entries, read from its own
 * counters at each scrape.
 */
final class StateCacheMetrics {

    private StateCacheMetrics() {
    }

    static void register(MeterRegistry registry, CachedAccountState copy) {
        FunctionCounter.builder("usersvc.state.cache.reads", copy, CachedAccountState::hits)
                .tag("result", "hit")
                .description("account state reads answered from this instance's copy")
                .register(registry);
        FunctionCounter.builder("usersvc.state.cache.reads", copy, CachedAccountState::misses)
                .tag("result", "miss")
                .description("account state reads that went to the database")
                .register(registry);
        FunctionCounter.builder("usersvc.state.cache.user.reads", copy, CachedAccountState::userHits)
                .tag("result", "hit")
                .description("users of presented tokens answered from this instance's copy (entry and state)")
                .register(registry);
        FunctionCounter.builder("usersvc.state.cache.user.reads", copy, CachedAccountState::userMisses)
                .tag("result", "miss")
                .description("users of presented tokens read from the database (entry and state)")
                .register(registry);
        Gauge.builder("usersvc.state.cache.current", copy, c -> c.isCurrent() ? 1 : 0)
                .description("1 while the change feed is caught up and the copy is used, 0 while reads go to the database")
                .register(registry);
    }
}
