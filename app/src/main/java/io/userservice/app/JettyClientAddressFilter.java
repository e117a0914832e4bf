package io.userservice.app;

import io.userservice.rest.ClientAddress;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.List;
import org.eclipse.jetty.server.Request;

/**
 * Tells the REST layer the client's address: the socket's peer, or, when that peer is one of the
 * configured trusted proxies, the address it reports in {@code X-Forwarded-For} (see
 * {@link TrustedProxies}). A client that is not a trusted proxy cannot choose its address.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class JettyClientAddressFilter implements ContainerRequestFilter {

    private final TrustedProxies trustedProxies;

    @Inject
    private Provider<Request> jettyRequest;

    JettyClientAddressFilter(TrustedProxies trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Request current = JettyRequestOfThread.currentOr(jettyRequest);
        if (current != null) {
            String peer = Request.getRemoteAddr(current);
            List<String> forwarded = request.getHeaders().getOrDefault("X-Forwarded-For", List.of());
            String client = trustedProxies.isEmpty() ? peer : trustedProxies.clientAddress(peer, forwarded);
            request.setProperty(ClientAddress.PROPERTY, client);
        }
    }
}
