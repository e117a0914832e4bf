package io.userservice.core.memory;

import io.userservice.core.domain.WebhookDelivery;
import io.userservice.core.domain.WebhookDelivery.State;
import io.userservice.core.domain.WebhookEndpoint;
import io.userservice.core.domain.WebhookEvent;
import io.userservice.core.port.out.WebhookOutboxPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The webhook outbox in memory; thread-safe, every method atomic. Events are stored when the
 * transaction they were appended in succeeds (see {@link InMemoryTransactions}).
 */
public final class InMemoryWebhookOutbox implements WebhookOutboxPort {

    private static final int MAX_ERROR_LENGTH = 255;

    private final InMemoryTransactions transactions;
    private final Map<Long, WebhookDelivery> deliveries = new LinkedHashMap<>();
    private final Map<Long, Integer> claims = new HashMap<>();
    private Supplier<List<WebhookEndpoint>> endpoints = List::of;
    private long lastId;

    public InMemoryWebhookOutbox(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    synchronized void subscribers(Supplier<List<WebhookEndpoint>> all) {
        this.endpoints = all;
    }

    @Override
    public int append(WebhookEvent event) {
        List<WebhookEndpoint> subscribed = endpoints().get().stream().filter(e -> e.subscribes(event.type())).toList();
        transactions.afterCommit(() -> store(event, subscribed));
        return subscribed.size();
    }

    private synchronized Supplier<List<WebhookEndpoint>> endpoints() {
        return endpoints;
    }

    private synchronized void store(WebhookEvent event, List<WebhookEndpoint> subscribed) {
        for (WebhookEndpoint endpoint : subscribed) {
            long id = ++lastId;
            deliveries.put(id, new WebhookDelivery(id, endpoint.id(), event, State.PENDING, 0, event.occurredAt(),
                    event.occurredAt(), null, null, null, null));
        }
    }

    @Override
    public synchronized List<WebhookDelivery> claimDue(Instant now, Instant claimedUntil, int max) {
        List<WebhookDelivery> due = deliveries.values().stream()
                .filter(d -> d.state() == State.PENDING && !d.nextAttemptAt().isAfter(now) && isFirstOfUser(d))
                .sorted(Comparator.comparingLong(WebhookDelivery::id))
                .limit(Math.max(0, max))
                .toList();
        List<WebhookDelivery> claimed = new ArrayList<>();
        for (WebhookDelivery d : due) {
            WebhookDelivery held = new WebhookDelivery(d.id(), d.endpointId(), d.event(), d.state(), d.attempts() + 1,
                    d.createdAt(), claimedUntil, d.lastAttemptAt(), d.lastStatus(), d.lastError(), d.finishedAt());
            deliveries.put(d.id(), held);
            claims.put(d.id(), held.attempts());
            claimed.add(held);
        }
        return claimed;
    }

    private boolean isFirstOfUser(WebhookDelivery candidate) {
        return deliveries.values().stream().noneMatch(d -> d.state() == State.PENDING && d.id() < candidate.id()
                && d.endpointId().equals(candidate.endpointId()) && d.event().userId() == candidate.event().userId());
    }

    @Override
    public synchronized boolean markDelivered(Claim claim, Instant now, int status) {
        return finish(claim, now, status, null, State.DELIVERED, null);
    }

    @Override
    public synchronized boolean retryLater(Claim claim, Instant now, Integer status, String reason,
                                           Instant nextAttemptAt) {
        return finish(claim, now, status, reason, State.PENDING, nextAttemptAt);
    }

    @Override
    public synchronized boolean giveUp(Claim claim, Instant now, Integer status, String reason) {
        return finish(claim, now, status, reason, State.GAVE_UP, null);
    }

    private boolean finish(Claim claim, Instant now, Integer status, String reason, State state, Instant next) {
        WebhookDelivery d = deliveries.get(claim.deliveryId());
        if (d == null || d.state() != State.PENDING || !Integer.valueOf(claim.attempt()).equals(claims.get(d.id()))) {
            return false;
        }
        claims.remove(d.id());
        deliveries.put(d.id(), new WebhookDelivery(d.id(), d.endpointId(), d.event(), state, d.attempts(),
                d.createdAt(), next == null ? d.nextAttemptAt() : next, now, status, shortened(reason),
                state == State.PENDING ? null : now));
        return true;
    }

    @Override
    public synchronized List<WebhookDelivery> deliveriesOf(String endpointId, int limit) {
        return deliveries.values().stream().filter(d -> d.endpointId().equals(endpointId))
                .sorted(Comparator.comparingLong(WebhookDelivery::id).reversed())
                .limit(Math.max(0, limit))
                .toList();
    }

    @Override
    public synchronized int deleteFinishedBefore(Instant cutoff) {
        int before = deliveries.size();
        deliveries.values().removeIf(d -> d.state() != State.PENDING && d.createdAt().isBefore(cutoff));
        return before - deliveries.size();
    }

    synchronized void forget(String endpointId) {
        deliveries.values().removeIf(d -> d.endpointId().equals(endpointId));
    }

    private static String shortened(String reason) {
        return reason == null || reason.length() <= MAX_ERROR_LENGTH ? reason : reason.substring(0, MAX_ERROR_LENGTH);
    }

    @Override
    public synchronized int eraseUser(long userId) {
        int before = deliveries.size();
        deliveries.values().removeIf(d -> d.event().userId() == userId);
        return before - deliveries.size();
    }
}
