package io.userservice.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a user, as webhooks are told: its Standard Webhooks message id
 * (the {@code webhook-id} header, the same on every attempt), its type, the user it is about,
 * and the exact JSON body that is signed and sent, {@code {"type","timestamp","data":{…}}}.
 */
public record WebhookEvent(String messageId, WebhookEventType type, long userId, Instant occurredAt,
                           String payload) {

    public WebhookEvent {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
    }
}
