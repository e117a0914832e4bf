package io.userservice.core.memory;

import io.userservice.core.port.out.ServiceState;

/** The service's whole state in memory. */
public final class InMemoryServiceState {

    private InMemoryServiceState() {
    }

    public static ServiceState create() {
        InMemorySingleUseCodes codes = new InMemorySingleUseCodes();
        InMemoryTransactions transactions = new InMemoryTransactions();
        InMemoryWebhookOutbox webhookOutbox = new InMemoryWebhookOutbox(transactions);
        return new ServiceState(new InMemoryAccountState(), new InMemoryUserIdentities(), new InMemoryUserAttributes(),
                new InMemoryRefreshTokens(), codes, new InMemorySigningKeys(), new InMemoryConsumedTokens(),
                new InMemoryPortalSessions(), new InMemoryAuditLog(), new InMemoryMailOutbox(codes),
                new InMemoryThrottleCounters(), transactions, new InMemoryWebhookEndpoints(webhookOutbox), webhookOutbox,
                new InMemoryEmailChanges(), new InMemorySecondFactors(), new InMemoryMfaChallenges());
    }
}
