package io.userservice.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import org.slf4j.MDC;

/**
 * Gives each request its id before anything else runs: the one the server's HTTP layer already
 * chose ({@link RequestIds#PROPERTY}, which then also answers the header), else the client's
 * well-formed {@code X-Request-Id} or a new one, put in the MDC for the request and echoed in the
 * answer.
 */
@PreMatching
@Priority(10)
final class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String OWN = RequestIdFilter.class.getName() + ".own";

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getProperty(RequestIds.PROPERTY) instanceof String) {
            return;
        }
        String id = RequestIds.acceptOrGenerate(request.getHeaderString(RequestIds.HEADER));
        request.setProperty(RequestIds.PROPERTY, id);
        request.setProperty(OWN, Boolean.TRUE);
        MDC.put(RequestIds.MDC_KEY, id);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(OWN) != null) {
            response.getHeaders().putSingle(RequestIds.HEADER, request.getProperty(RequestIds.PROPERTY));
            MDC.remove(RequestIds.MDC_KEY);
        }
    }
}
