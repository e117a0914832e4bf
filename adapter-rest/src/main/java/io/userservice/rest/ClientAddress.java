package io.userservice.rest;

import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * The client address of a request, for throttling and the audit trail. The HTTP container puts it
 * in the request property {@link #PROPERTY} (the embedding application decides whether to trust
 * forwarding headers); without it the address is unknown (null): per-address limits do not apply
 * and the audit records no address. The first request without one logs a warning, so an embedding
 * that forgot to provide addresses finds out.
 */
public final class ClientAddress {

    /** The request property holding the client's address as text. */
    public static final String PROPERTY = "io.userservice.rest.clientAddress";

    private static final System.Logger LOG = System.getLogger(ClientAddress.class.getName());
    private static final java.util.concurrent.atomic.AtomicBoolean WARNED = new java.util.concurrent.atomic.AtomicBoolean();

    private ClientAddress() {
    }

    static String of(ContainerRequestContext request) {
        Object address = request.getProperty(PROPERTY);
        if (address instanceof String text && !text.isBlank()) {
            return text;
        }
        if (WARNED.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "a request came without a client address (request property "
                    + PROPERTY + "): per-address limits do not apply to such requests and the audit trail records"
                    + " no address; the embedding application should set it in a request filter");
        }
        return null;
    }
}
