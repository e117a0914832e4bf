package io.userservice.rest;

import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * The client address of a request, for throttling and the audit trail. The HTTP container puts it
 * in the request property {@link #PROPERTY} (the embedding application decides whether to trust
 * forwarding headers); without it, or with text that is no address, the address is
 * {@link io.userservice.core.domain.ClientAddress#unknown() unknown}: per-address limits do not apply
 * and the audit records no address. The first such request logs a warning, so an embedding that
 * forgot to provide addresses finds out.
 */
public final class ClientAddress {

    /** The request property holding the client's address as text. */
    public static final String PROPERTY = "io.userservice.rest.clientAddress";

    private static final System.Logger LOG = System.getLogger(ClientAddress.class.getName());
    private static final java.util.concurrent.atomic.AtomicBoolean WARNED = new java.util.concurrent.atomic.AtomicBoolean();

    private ClientAddress() {
    }

    static io.userservice.core.domain.ClientAddress of(ContainerRequestContext request) {
        Object address = request.getProperty(PROPERTY);
        if (address instanceof String text && !text.isBlank()) {
            try {
                return io.userservice.core.domain.ClientAddress.of(text);
            } catch (IllegalArgumentException e) {
                warnOnce("a request came with a client address that is no address (request property " + PROPERTY
                        + "): " + e.getMessage() + "; the embedding application's request filter should set the"
                        + " peer's IP address");
                return io.userservice.core.domain.ClientAddress.unknown();
            }
        }
        warnOnce("a request came without a client address (request property " + PROPERTY + "): per-address"
                + " limits do not apply to such requests and the audit trail records no address; the embedding"
                + " application should set it in a request filter");
        return io.userservice.core.domain.ClientAddress.unknown();
    }

    private static void warnOnce(String message) {
        if (WARNED.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, message);
        }
    }
}
