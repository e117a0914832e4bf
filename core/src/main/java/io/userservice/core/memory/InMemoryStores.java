package io.userservice.core.memory;

import io.userservice.core.port.out.CoreStores;

/** Every persistence port of the core, in memory. */
public final class InMemoryStores {

    private InMemoryStores() {
    }

    public static CoreStores create() {
        InMemoryUserStore users = new InMemoryUserStore();
        InMemorySingleUseCodes codes = new InMemorySingleUseCodes();
        return new CoreStores(users, users, new InMemoryUserAttributes(), new InMemoryRefreshTokens(),
                codes, new InMemorySigningKeys(), new InMemoryConsumedTokens(),
                new InMemoryPortalSessions(), users, new InMemoryAuditLog(), new InMemoryMailOutbox(codes),
                new InMemoryThrottleCounters());
    }
}
