package io.userservice.app;

import io.userservice.rest.ClientAddress;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import org.eclipse.jetty.server.Request;

/**
 * Tells the REST layer the client's address: the socket's peer. Forwarding headers are not
 * trusted here, so an address seen behind a proxy is the proxy's.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class JettyClientAddressFilter implements ContainerRequestFilter {

    @Inject
    private Provider<Request> jettyRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        Request current = jettyRequest.get();
        if (current != null) {
            request.setProperty(ClientAddress.PROPERTY, Request.getRemoteAddr(current));
        }
    }
}
