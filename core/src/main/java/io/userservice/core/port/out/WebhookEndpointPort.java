package io.userservice.core.port.out;

import io.userservice.core.domain.WebhookEndpoint;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The registered webhook receivers, shared by every instance. */
public interface WebhookEndpointPort {

    void create(WebhookEndpoint endpoint);

    /** Every endpoint, oldest first. */
    List<WebhookEndpoint> all();

    Optional<WebhookEndpoint> find(String id);

    /**
     * Replaces the url, events and description of the endpoint with the endpoint's id.
     *
     * @return whether the endpoint exists
     */
    boolean update(WebhookEndpoint endpoint);

    /**
     * Replaces the signing secret in one step: the current secret becomes the previous one, which
     * signs alongside until {@code previousUntil}.
     *
     * @return whether the endpoint exists
     */
    boolean rotateSecret(String id, String newSecret, Instant previousUntil);

    /**
     * Deletes the endpoint together with its deliveries, pending or not, in one transaction: nothing
     * is sent to it afterwards.
     *
     * @return whether it existed
     */
    boolean delete(String id);
}
