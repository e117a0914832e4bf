package io.userservice.core.port.out;

import java.util.Map;

/**
 * Posts one signed webhook message. Implementations bound the whole exchange in time, follow no
 * redirects, and refuse targets in the internal network unless the operator allowed them.
 */
public interface WebhookSender extends AutoCloseable {

    /**
     * Posts {@code body} as JSON with the given headers.
     *
     * @return the HTTP status of the receiver's answer
     * @throws WebhookDeliveryException when there was no answer in time, or the target was refused
     */
    int post(String url, Map<String, String> headers, String body);

    /** Releases the connections and threads the sender holds; called when its dispatcher closes. */
    @Override
    default void close() {
    }

    /** A delivery attempt that got no HTTP answer; its message is one short line without secrets. */
    class WebhookDeliveryException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public WebhookDeliveryException(String message) {
            super(message);
        }
    }
}
