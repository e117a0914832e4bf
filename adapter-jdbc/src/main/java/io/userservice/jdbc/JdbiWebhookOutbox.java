package io.userservice.jdbc;

import io.userservice.core.domain.WebhookDelivery;
import io.userservice.core.domain.WebhookEndpoint;
import io.userservice.core.domain.WebhookEvent;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.out.WebhookOutboxPort;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The webhook outbox: events in {@code webhook_events}, one row per event and subscribed endpoint
 * in {@code webhook_deliveries}. Appending joins the caller's transaction (Jdbi reuses the
 * thread's handle), so an event is committed or rolled back with its change. Claims are one
 * conditional update each, as in the mail outbox ({@code JdbiMailOutbox}); a delivery is a
 * candidate only while no earlier pending delivery of the same user to the same endpoint exists,
 * which keeps each user's events in order.
 */
final class JdbiWebhookOutbox implements WebhookOutboxPort {

    private static final String PENDING = "PENDING";
    private static final String DELIVERED = "DELIVERED";
    private static final String GAVE_UP = "GAVE_UP";
    private static final int MAX_ERROR_LENGTH = 255;
    private static final String HELD = " WHERE id = :id AND state = :pending AND claim_attempt = :attempt";
    private static final String SELECT = "SELECT d.id, d.endpoint_id, d.state, d.attempts, d.created_at,"
            + " d.next_attempt_at, d.last_attempt_at, d.last_status, d.last_error, d.finished_at, e.message_id,"
            + " e.event_type, e.user_id, e.payload, e.created_at AS occurred_at"
            + " FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id";

    private final Jdbi jdbi;

    JdbiWebhookOutbox(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public int append(WebhookEvent event) {
        List<WebhookEndpoint> subscribed = JdbiWebhookEndpoints.all(jdbi).stream()
                .filter(endpoint -> endpoint.subscribes(event.type()))
                .toList();
        if (subscribed.isEmpty()) {
            return 0;
        }
        return jdbi.inTransaction(handle -> {
            long eventId = handle.createUpdate("INSERT INTO webhook_events (message_id, event_type, user_id, payload,"
                            + " created_at) VALUES (:messageId, :type, :userId, :payload, :createdAt)")
                    .bind("messageId", event.messageId())
                    .bind("type", event.type().wireName())
                    .bind("userId", event.userId())
                    .bind("payload", event.payload())
                    .bind("createdAt", Millis.of(event.occurredAt()))
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            for (WebhookEndpoint endpoint : subscribed) {
                handle.createUpdate("INSERT INTO webhook_deliveries (endpoint_id, event_id, user_id, state, attempts,"
                                + " created_at, next_attempt_at) VALUES (:endpoint, :event, :userId, :pending, 0,"
                                + " :createdAt, :createdAt)")
                        .bind("endpoint", endpoint.id())
                        .bind("event", eventId)
                        .bind("userId", event.userId())
                        .bind("pending", PENDING)
                        .bind("createdAt", Millis.of(event.occurredAt()))
                        .execute();
            }
            return subscribed.size();
        });
    }

    @Override
    public List<WebhookDelivery> claimDue(Instant now, Instant claimedUntil, int max) {
        if (max < 1) {
            return List.of();
        }
        return jdbi.withHandle(handle -> {
            List<Long> candidates = handle.createQuery("SELECT d.id FROM webhook_deliveries d"
                            + " WHERE d.state = :pending AND d.next_attempt_at <= :now AND NOT EXISTS ("
                            + "SELECT 1 FROM webhook_deliveries p WHERE p.endpoint_id = d.endpoint_id"
                            + " AND p.user_id = d.user_id AND p.state = :pending AND p.id < d.id)"
                            + " ORDER BY d.id LIMIT :limit")
                    .bind("pending", PENDING)
                    .bind("now", Millis.of(now))
                    .bind("limit", max)
                    .mapTo(Long.class)
                    .list();
            List<WebhookDelivery> claimed = new ArrayList<>();
            for (long id : candidates) {
                // MariaDB assigns left to right with the new values: claim_attempt must be set before attempts;
                // its index locks can deadlock racing claims, and a conditional update is safe to repeat
                int won = ConflictRetry.retried(() -> handle.createUpdate("UPDATE webhook_deliveries"
                                + " SET next_attempt_at = :until, claim_attempt = attempts + 1, attempts = attempts + 1"
                                + " WHERE id = :id AND state = :pending AND next_attempt_at <= :now")
                        .bind("until", Millis.of(claimedUntil))
                        .bind("id", id)
                        .bind("pending", PENDING)
                        .bind("now", Millis.of(now))
                        .execute());
                if (won == 1) {
                    find(handle, id).ifPresent(claimed::add);
                }
            }
            return claimed;
        });
    }

    @Override
    public boolean markDelivered(Claim claim, Instant now, int status) {
        return finish(claim, "state = :state, finished_at = :now,", DELIVERED, now, status, null, null);
    }

    @Override
    public boolean retryLater(Claim claim, Instant now, Integer status, String reason, Instant nextAttemptAt) {
        return finish(claim, "next_attempt_at = :next,", PENDING, now, status, reason, nextAttemptAt);
    }

    @Override
    public boolean giveUp(Claim claim, Instant now, Integer status, String reason) {
        return finish(claim, "state = :state, finished_at = :now,", GAVE_UP, now, status, reason, null);
    }

    private boolean finish(Claim claim, String set, String state, Instant now, Integer status, String reason,
                           Instant next) {
        return jdbi.withHandle(handle -> {
            var update = handle.createUpdate("UPDATE webhook_deliveries SET " + set + " last_attempt_at = :now,"
                            + " last_status = :status, last_error = :reason, claim_attempt = NULL" + HELD)
                    .bind("now", Millis.of(now))
                    .bind("status", status)
                    .bind("reason", shortened(reason))
                    .bind("id", claim.deliveryId())
                    .bind("attempt", claim.attempt())
                    .bind("pending", PENDING);
            if (set.contains(":state")) {
                update.bind("state", state);
            }
            if (next != null) {
                update.bind("next", Millis.of(next));
            }
            return update.execute() == 1;
        });
    }

    @Override
    public List<WebhookDelivery> deliveriesOf(String endpointId, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + " WHERE d.endpoint_id = :endpoint"
                        + " ORDER BY d.id DESC LIMIT :limit")
                .bind("endpoint", endpointId)
                .bind("limit", Math.max(0, limit))
                .map((row, ctx) -> read(row))
                .list());
    }

    @Override
    public int deleteFinishedBefore(Instant cutoff) {
        return jdbi.inTransaction(handle -> {
            int deleted = handle.createUpdate("DELETE FROM webhook_deliveries WHERE created_at < :cutoff"
                            + " AND state <> :pending")
                    .bind("cutoff", Millis.of(cutoff))
                    .bind("pending", PENDING)
                    .execute();
            handle.createUpdate("DELETE FROM webhook_events WHERE created_at < :cutoff AND NOT EXISTS ("
                            + "SELECT 1 FROM webhook_deliveries d WHERE d.event_id = webhook_events.id)")
                    .bind("cutoff", Millis.of(cutoff))
                    .execute();
            return deleted;
        });
    }

    private static Optional<WebhookDelivery> find(Handle handle, long id) {
        return handle.createQuery(SELECT + " WHERE d.id = :id")
                .bind("id", id)
                .map((row, ctx) -> read(row))
                .findOne();
    }

    private static WebhookDelivery read(ResultSet row) throws SQLException {
        WebhookEventType type = WebhookEventType.fromWireName(row.getString("event_type")).orElseThrow();
        WebhookEvent event = new WebhookEvent(row.getString("message_id"), type, row.getLong("user_id"),
                Millis.read(row, "occurred_at"), row.getString("payload"));
        int status = row.getInt("last_status");
        Integer lastStatus = row.wasNull() ? null : status;
        return new WebhookDelivery(row.getLong("id"), row.getString("endpoint_id"), event,
                WebhookDelivery.State.valueOf(row.getString("state")), row.getInt("attempts"),
                Millis.read(row, "created_at"), Millis.read(row, "next_attempt_at"), Millis.read(row, "last_attempt_at"),
                lastStatus, row.getString("last_error"), Millis.read(row, "finished_at"));
    }

    private static String shortened(String reason) {
        return reason == null || reason.length() <= MAX_ERROR_LENGTH ? reason : reason.substring(0, MAX_ERROR_LENGTH);
    }

    @Override
    public int eraseUser(long userId) {
        return jdbi.inTransaction(handle -> {
            int deleted = handle.createUpdate("DELETE FROM webhook_deliveries WHERE user_id = :userId")
                    .bind("userId", userId)
                    .execute();
            handle.createUpdate("DELETE FROM webhook_events WHERE user_id = :userId")
                    .bind("userId", userId)
                    .execute();
            return deleted;
        });
    }
}
