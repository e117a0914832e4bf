package io.userservice.core.memory;

import io.userservice.core.domain.OidcClient;
import io.userservice.core.port.out.OidcClientPort;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryOidcClients implements OidcClientPort {

    private final ConcurrentHashMap<String, OidcClient> clients = new ConcurrentHashMap<>();

    @Override
    public void create(OidcClient client) {
        if (clients.putIfAbsent(client.clientId(), client) != null) {
            throw new IllegalStateException("client id taken: " + client.clientId());
        }
    }

    @Override
    public Optional<OidcClient> find(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(clients.get(clientId));
    }

    @Override
    public List<OidcClient> list() {
        return clients.values().stream()
                .sorted(Comparator.comparing(OidcClient::name).thenComparing(OidcClient::clientId)).toList();
    }

    @Override
    public boolean update(OidcClient client) {
        return clients.replace(client.clientId(), client) != null;
    }

    @Override
    public boolean delete(String clientId) {
        return clients.remove(clientId) != null;
    }
}
