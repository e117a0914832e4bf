package io.userservice.core.domain;

import java.time.Instant;

/**
 * One event on its way to one endpoint: its state, how many attempts it took, and the outcome of
 * the latest (the HTTP status, when the receiver answered, and a short reason when it failed).
 */
public record WebhookDelivery(long id, String endpointId, WebhookEvent event, State state, int attempts,
                              Instant createdAt, Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatus,
                              String lastError, Instant finishedAt) {

    public enum State {
        PENDING, DELIVERED, GAVE_UP
    }
}
