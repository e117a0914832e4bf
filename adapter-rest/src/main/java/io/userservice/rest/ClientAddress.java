package io.userservice.rest;

import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * The client address of a request, for throttling and the audit trail. The HTTP container puts it
 * in the request property {@link #PROPERTY} (the embedding application decides whether to trust
 * forwarding headers); without it the address is unknown (null): per-address limits do not apply
 * and the audit records no address.
 */
public final class ClientAddress {

    /** The request property holding the client's address as text. */
    public static final String PROPERTY = "io.userservice.rest.clientAddress";

    private ClientAddress() {
    }

    static String of(ContainerRequestContext request) {
        Object address = request.getProperty(PROPERTY);
        return address instanceof String text && !text.isBlank() ? text : null;
    }
}
