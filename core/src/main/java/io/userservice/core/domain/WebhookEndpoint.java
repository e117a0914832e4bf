package io.userservice.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A receiver of webhooks: where events are posted, which types it subscribed to, and the secret
 * that signs them (as stored: sealed when a key-encryption key is configured). After a rotation
 * the previous secret signs alongside the new one until {@code previousSecretUntil}.
 */
public record WebhookEndpoint(String id, String url, Set<WebhookEventType> events, String description,
                              String secret, String previousSecret, Instant previousSecretUntil, Instant createdAt) {

    public WebhookEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        events = Set.copyOf(events);
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean subscribes(WebhookEventType type) {
        return events.contains(type);
    }

    /** The previous secret, while it still signs at {@code now}. */
    public Optional<String> previousSecretAt(Instant now) {
        return previousSecret != null && previousSecretUntil != null && now.isBefore(previousSecretUntil)
                ? Optional.of(previousSecret) : Optional.empty();
    }

    public WebhookEndpoint withSettings(String newUrl, Set<WebhookEventType> newEvents, String newDescription) {
        return new WebhookEndpoint(id, newUrl, newEvents, newDescription, secret, previousSecret, previousSecretUntil,
                createdAt);
    }

    public WebhookEndpoint withId(String newId) {
        return new WebhookEndpoint(newId, url, events, description, secret, previousSecret, previousSecretUntil,
                createdAt);
    }

    @Override
    public String toString() {
        return "WebhookEndpoint[id=" + id + ", url=" + url + ", events=" + events + ", secret=(hidden)]";
    }
}
