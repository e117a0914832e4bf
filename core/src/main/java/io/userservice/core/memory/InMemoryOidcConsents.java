package io.userservice.core.memory;

import io.userservice.core.port.out.OidcConsentPort;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryOidcConsents implements OidcConsentPort {

    private final ConcurrentHashMap<String, Set<String>> consents = new ConcurrentHashMap<>();

    @Override
    public void grant(long userId, String clientId, Set<String> scopes) {
        consents.computeIfAbsent(userId + " " + clientId, key -> ConcurrentHashMap.newKeySet()).addAll(scopes);
    }

    @Override
    public Set<String> granted(long userId, String clientId) {
        return Set.copyOf(consents.getOrDefault(userId + " " + clientId, Set.of()));
    }

    @Override
    public int eraseUser(long userId) {
        int erased = 0;
        for (var entry : consents.entrySet()) {
            if (entry.getKey().startsWith(userId + " ") && consents.remove(entry.getKey(), entry.getValue())) {
                erased += entry.getValue().size();
            }
        }
        return erased;
    }
}
