package io.userservice.core.memory;

import io.userservice.core.domain.WebhookEndpoint;
import io.userservice.core.port.out.WebhookEndpointPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The webhook endpoints in memory; thread-safe. */
public final class InMemoryWebhookEndpoints implements WebhookEndpointPort {

    private final InMemoryWebhookOutbox outbox;
    private final Map<String, WebhookEndpoint> endpoints = new LinkedHashMap<>();

    public InMemoryWebhookEndpoints(InMemoryWebhookOutbox outbox) {
        this.outbox = outbox;
        outbox.subscribers(this::all);
    }

    @Override
    public synchronized void create(WebhookEndpoint endpoint) {
        if (endpoints.putIfAbsent(endpoint.id(), endpoint) != null) {
            throw new IllegalStateException("an endpoint with this id exists");
        }
    }

    @Override
    public synchronized List<WebhookEndpoint> all() {
        return new ArrayList<>(endpoints.values());
    }

    @Override
    public synchronized Optional<WebhookEndpoint> find(String id) {
        return Optional.ofNullable(endpoints.get(id));
    }

    @Override
    public synchronized boolean update(WebhookEndpoint endpoint) {
        WebhookEndpoint current = endpoints.get(endpoint.id());
        if (current == null) {
            return false;
        }
        endpoints.put(endpoint.id(), current.withSettings(endpoint.url(), endpoint.events(), endpoint.description()));
        return true;
    }

    @Override
    public synchronized boolean rotateSecret(String id, String newSecret, Instant previousUntil) {
        WebhookEndpoint current = endpoints.get(id);
        if (current == null) {
            return false;
        }
        endpoints.put(id, new WebhookEndpoint(id, current.url(), current.events(), current.description(), newSecret,
                current.secret(), previousUntil, current.createdAt()));
        return true;
    }

    @Override
    public boolean delete(String id) {
        synchronized (this) {
            if (endpoints.remove(id) == null) {
                return false;
            }
        }
        outbox.forget(id);
        return true;
    }
}
