package io.userservice.core.outbox;

import io.userservice.core.crypto.WebhookSignatures;
import io.userservice.core.domain.WebhookDelivery;
import io.userservice.core.domain.WebhookEndpoint;
import io.userservice.core.port.KeyEncryptionException;
import io.userservice.core.port.out.OutboxCodeSealer;
import io.userservice.core.port.out.WebhookEndpointPort;
import io.userservice.core.port.out.WebhookOutboxPort.Claim;
import io.userservice.core.port.out.WebhookOutboxPort;
import io.userservice.core.port.out.WebhookSender.WebhookDeliveryException;
import io.userservice.core.port.out.WebhookSender;
import io.userservice.core.settings.WebhookSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Works off the webhook outbox: claims due deliveries (each user's in order, see
 * {@link WebhookOutboxPort}), signs each as Standard Webhooks says ({@code webhook-id},
 * {@code webhook-timestamp}, {@code webhook-signature}, with a second signature while a rotated
 * secret still signs), posts it, and records the outcome. A 2xx answer is success; anything
 * else is retried after 5 s, doubling up to two hours, until {@link WebhookSettings#retryFor()}
 * after the event, then given up and recorded. Claims are atomic, so dispatchers on several
 * instances share the outbox and each delivery goes to one at a time; delivery is at least once
 * (a crash between the receiver's answer and recording it sends the message again, with the
 * same {@code webhook-id}, which receivers use to drop duplicates).
 */
public final class WebhookDispatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WebhookDispatcher.class.getName());
    private static final long CLOSE_WAIT_SECONDS = 15;
    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);
    private static final int MAX_REASON_LENGTH = 200;

    private final WebhookOutboxPort outbox;
    private final WebhookEndpointPort endpoints;
    private final WebhookSender sender;
    private final OutboxCodeSealer sealer;
    private final Clock clock;
    private final WebhookSettings settings;
    private final BackgroundPasses passes = new BackgroundPasses("user-service-webhooks",
            Duration.ofSeconds(CLOSE_WAIT_SECONDS));
    private Instant nextPurge = Instant.MIN;

    /** Built by {@link io.userservice.core.service.UserServiceCore}'s builder. */
    public WebhookDispatcher(WebhookOutboxPort outbox, WebhookEndpointPort endpoints, WebhookSender sender,
                      OutboxCodeSealer sealer, Clock clock, WebhookSettings settings) {
        this.outbox = outbox;
        this.endpoints = endpoints;
        this.sender = sender;
        this.sealer = sealer;
        this.clock = clock;
        this.settings = settings;
    }

    /** Starts delivering in a background thread; calling it again changes nothing. */
    public void start() {
        passes.start(settings.pollInterval(), this::passLoggingFailures);
    }

    /**
     * Claims and handles the deliveries due now, up to the batch size, in the caller's thread.
     *
     * @return how many were handled (delivered, postponed or given up)
     */
    public int deliverDue() {
        purgeIfDue();
        return BackgroundPasses.claimingOneAtATime(settings.batchSize(), () -> {
            Instant now = clock.instant();
            return outbox.claimDue(now, now.plus(settings.claimDuration()), 1);
        }, this::deliver);
    }

    @Override
    public void close() {
        try {
            passes.stop();
        } finally {
            sender.close();
        }
    }

    private void passLoggingFailures() {
        try {
            while (deliverDue() == settings.batchSize() && !Thread.currentThread().isInterrupted()) {
                // a full batch: more may be due right away
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "webhook pass failed, trying again in " + settings.pollInterval()
                    + ": " + shortened(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private void purgeIfDue() {
        Instant now = clock.instant();
        synchronized (this) {
            if (now.isBefore(nextPurge)) {
                return;
            }
            nextPurge = now.plus(PURGE_INTERVAL);
        }
        int deleted = outbox.deleteFinishedBefore(now.minus(settings.retention()));
        if (deleted > 0) {
            LOG.log(System.Logger.Level.INFO, "deleted " + deleted + " finished webhook deliveries older than "
                    + settings.retention());
        }
    }

    private void deliver(WebhookDelivery delivery) {
        Claim claim = Claim.of(delivery);
        Optional<WebhookEndpoint> endpoint = endpoints.find(delivery.endpointId());
        if (endpoint.isEmpty()) {
            outbox.giveUp(claim, clock.instant(), null, "the endpoint was deleted");
            return;
        }
        Integer status = null;
        String reason;
        try {
            status = sender.post(endpoint.get().url(), headers(endpoint.get(), delivery), delivery.event().payload());
            if (status >= 200 && status < 300) {
                if (!outbox.markDelivered(claim, clock.instant(), status)) {
                    lostClaim(delivery);
                }
                return;
            }
            reason = "HTTP " + status;
        } catch (WebhookDeliveryException | KeyEncryptionException e) {
            reason = shortened(e.getMessage());
        } catch (RuntimeException e) {
            reason = shortened(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        failed(delivery, claim, status, reason);
    }

    /** The key the stored secret of an endpoint is sealed under (associated data). */
    public static String sealingKey(String endpointId) {
        return "webhook-endpoint:" + endpointId;
    }

    private Map<String, String> headers(WebhookEndpoint endpoint, WebhookDelivery delivery) {
        Instant now = clock.instant();
        long timestamp = now.getEpochSecond();
        String id = delivery.event().messageId();
        String body = delivery.event().payload();
        String key = sealingKey(endpoint.id());
        StringBuilder signatures = new StringBuilder(WebhookSignatures.sign(sealer.openCode(key, endpoint.secret()),
                id, timestamp, body));
        endpoint.previousSecretAt(now).ifPresent(previous -> signatures.append(' ')
                .append(WebhookSignatures.sign(sealer.openCode(key, previous), id, timestamp, body)));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", signatures.toString());
        return headers;
    }

    private void failed(WebhookDelivery delivery, Claim claim, Integer status, String reason) {
        Instant now = clock.instant();
        Instant next = now.plus(settings.retryDelay(delivery.attempts()));
        if (next.isAfter(delivery.createdAt().plus(settings.retryFor()))) {
            if (outbox.giveUp(claim, now, status, reason)) {
                LOG.log(System.Logger.Level.ERROR, "gave up webhook delivery " + delivery.id() + " ("
                        + delivery.event().type().wireName() + " to endpoint " + delivery.endpointId() + ") after "
                        + delivery.attempts() + " attempts: " + reason);
            } else {
                lostClaim(delivery);
            }
            return;
        }
        if (!outbox.retryLater(claim, now, status, reason, next)) {
            lostClaim(delivery);
            return;
        }
        LOG.log(System.Logger.Level.WARNING, "webhook delivery " + delivery.id() + " to endpoint "
                + delivery.endpointId() + " failed (attempt " + delivery.attempts() + "), next attempt at " + next
                + ": " + reason);
    }

    private static void lostClaim(WebhookDelivery delivery) {
        LOG.log(System.Logger.Level.WARNING, "attempt " + delivery.attempts() + " of webhook delivery "
                + delivery.id() + " finished after its claim was taken over; the other dispatcher records it");
    }

    private static String shortened(String reason) {
        if (reason == null) {
            return "no reason given";
        }
        String line = reason.replaceAll("[\\r\\n\\t]+", " ");
        return line.length() <= MAX_REASON_LENGTH ? line : line.substring(0, MAX_REASON_LENGTH);
    }
}
