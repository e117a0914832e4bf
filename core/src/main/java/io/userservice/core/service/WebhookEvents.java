package io.userservice.core.service;

import io.userservice.core.domain.WebhookEvent;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.out.WebhookOutboxPort;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Puts events for webhooks into the outbox, as {@code {"type","timestamp","data":{"id",…}}}.
 * Call it inside the {@link io.userservice.core.port.out.Transactions transaction} of the change
 * it reports. {@code data} holds the user's id and the changed fields: never a password, hash,
 * token or code.
 */
final class WebhookEvents {

    private final WebhookOutboxPort outbox;
    private final Clock clock;

    WebhookEvents(WebhookOutboxPort outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** An event about the user with only their id as data. */
    void emit(WebhookEventType type, long userId) {
        emit(type, userId, Map.of());
    }

    /** An event about the user; {@code fields} follow the user's id in {@code data}, in their order. */
    void emit(WebhookEventType type, long userId, Map<String, ?> fields) {
        Instant now = clock.instant();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", userId);
        data.putAll(fields);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type.wireName());
        payload.put("timestamp", now.toString());
        payload.put("data", data);
        outbox.append(new WebhookEvent("msg_" + UUID.randomUUID().toString().replace("-", ""), type, userId, now,
                JsonText.of(payload)));
    }

    /** Fields in the order given, allowing null values (which {@link Map#of} does not). */
    static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }
}
