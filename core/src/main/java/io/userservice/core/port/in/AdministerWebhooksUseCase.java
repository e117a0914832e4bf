package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.WebhookDelivery;
import io.userservice.core.domain.WebhookEndpoint;
import java.util.List;
import java.util.Objects;

/**
 * The registry of webhook receivers, for holders of {@code admin} acting with their own
 * credential (a token minted on someone's behalf is refused) and the operator at the command line.
 * A new or rotated signing secret is returned once and never again; every change is audited.
 *
 * @throws io.userservice.core.domain.AccessDeniedException  from every method, when the caller may not administer
 * @throws io.userservice.core.domain.NotFoundException      {@code webhook_not_found} for an unknown id
 * @throws io.userservice.core.domain.InvalidInputException  {@code invalid_webhook_url}, {@code webhook_url_not_allowed},
 *                                                          {@code unknown_event}, {@code invalid_events},
 *                                                          {@code invalid_description}
 */
public interface AdministerWebhooksUseCase {

    /** Registers a receiver; the answer holds its secret, {@code whsec_} and base64 of 32 random bytes. */
    WithSecret create(Caller caller, Settings settings, ClientAddress clientAddress);

    List<WebhookEndpoint> list(Caller caller);

    WebhookEndpoint get(Caller caller, String id);

    /** Changes what is given ({@code null} keeps the current url, events or description). */
    WebhookEndpoint update(Caller caller, String id, Settings changes, ClientAddress clientAddress);

    void delete(Caller caller, String id, ClientAddress clientAddress);

    /** A new secret; the previous one keeps signing alongside it for 24 hours. */
    WithSecret rotateSecret(Caller caller, String id, ClientAddress clientAddress);

    /** The latest deliveries to the receiver, newest first (at most {@code limit}, 1 to 200). */
    List<WebhookDelivery> deliveries(Caller caller, String id, int limit);

    /**
     * What an administrator sets on a receiver, as given; checked by the use case.
     *
     * @param events the event types' wire names ({@code user.created}, …)
     */
    record Settings(String url, List<String> events, String description) {
    }

    /** A receiver with its signing secret in clear text, shown once. */
    record WithSecret(WebhookEndpoint endpoint, String secret) {

        public WithSecret {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "WithSecret[endpoint=" + endpoint + ", secret=(hidden)]";
        }
    }
}
