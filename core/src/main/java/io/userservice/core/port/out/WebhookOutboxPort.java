package io.userservice.core.port.out;

import io.userservice.core.domain.WebhookDelivery;
import io.userservice.core.domain.WebhookEvent;
import java.time.Instant;
import java.util.List;

/**
 * The transactional outbox of webhook events, shared by every instance: an event is stored with
 * one pending delivery per endpoint that subscribed to its type, in the transaction of the change
 * it reports (see {@link Transactions}), so it is sent if and only if the change was committed.
 *
 * <p><b>Claims and order.</b> A dispatcher {@linkplain #claimDue claims} a delivery before
 * sending it, for a limited time; every call taking a {@link Claim} is one atomic conditional
 * step that acts only for the latest claim of a pending delivery, as in {@link MailOutboxPort}.
 * Deliveries of one user's events to one endpoint are claimable only in the order the events
 * were stored: a later one waits while an earlier one is pending (delivered or given up ends
 * the wait). Of concurrent claims, on any number of instances, each delivery goes to at most one.
 */
public interface WebhookOutboxPort {

    /** A dispatcher's hold on a claimed delivery: the delivery and the attempt its claim counted. */
    record Claim(long deliveryId, int attempt) {

        public static Claim of(WebhookDelivery claimed) {
            return new Claim(claimed.id(), claimed.attempts());
        }
    }

    /**
     * Stores the event with a pending delivery, due at once, for each endpoint subscribed to its
     * type; joins the caller's transaction. An event nobody subscribed to is not stored.
     *
     * @return how many deliveries were queued
     */
    int append(WebhookEvent event);

    /**
     * Claims up to {@code max} due deliveries whose user has no earlier pending delivery to the same
     * endpoint, oldest first: each counts one more attempt and is not due again before
     * {@code claimedUntil}.
     */
    List<WebhookDelivery> claimDue(Instant now, Instant claimedUntil, int max);

    /** Records success ({@code status}) and releases the claim, if it still holds the delivery. */
    boolean markDelivered(Claim claim, Instant now, int status);

    /**
     * Records a failed attempt (the status when the receiver answered, else null, and a short
     * reason) and makes the delivery due again at {@code nextAttemptAt}, if the claim holds it.
     */
    boolean retryLater(Claim claim, Instant now, Integer status, String reason, Instant nextAttemptAt);

    /** Records the last failed attempt and gives the delivery up, if the claim holds it. */
    boolean giveUp(Claim claim, Instant now, Integer status, String reason);

    /** The latest deliveries to the endpoint, newest first. */
    List<WebhookDelivery> deliveriesOf(String endpointId, int limit);

    /**
     * Deletes the deliveries created before {@code cutoff} that were delivered or given up, and
     * events no delivery refers to any more.
     *
     * @return how many deliveries were deleted
     */
    int deleteFinishedBefore(Instant cutoff);

    /**
     * Erases every event about the user with its deliveries, pending or not (their payloads may
     * hold the user's email and names); joins the caller's transaction. A delivery claimed at that
     * moment can then no longer be marked.
     *
     * @return how many deliveries were erased
     */
    int eraseUser(long userId);
}
