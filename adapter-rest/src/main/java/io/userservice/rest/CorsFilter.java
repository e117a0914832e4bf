package io.userservice.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Set;

/**
 * Cross-origin access for the listed origins only, compared exactly. A listed origin gets
 * {@code Access-Control-Allow-Origin} with itself (never {@code *}, never credentials: callers
 * send bearer tokens, not cookies) and its preflight requests are answered here; any other origin
 * gets no CORS header at all. Every response says {@code Vary: Origin}, so caches keep them apart.
 * Registered only when at least one origin is configured.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String ALLOWED_METHODS = "GET, POST, PUT, DELETE, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type";
    static final String EXPOSED_HEADERS = "Retry-After, WWW-Authenticate";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "OPTIONS", "HEAD");
    private static final String MAX_AGE_SECONDS = "600";

    private final CorsOrigins origins;

    CorsFilter(CorsOrigins origins) {
        this.origins = origins;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        String requestedMethod = request.getHeaderString("Access-Control-Request-Method");
        boolean preflight = HttpMethod.OPTIONS.equals(request.getMethod()) && requestedMethod != null;
        if (preflight && origins.allows(origin) && METHODS.contains(requestedMethod)) {
            request.abortWith(Response.noContent()
                    .header("Access-Control-Allow-Methods", ALLOWED_METHODS)
                    .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                    .header("Access-Control-Max-Age", MAX_AGE_SECONDS)
                    .build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        if (!headers.containsKey("Vary") || !String.valueOf(headers.getFirst("Vary")).contains("Origin")) {
            headers.add("Vary", "Origin");
        }
        String origin = request.getHeaderString("Origin");
        if (origins.allows(origin)) {
            headers.putSingle("Access-Control-Allow-Origin", origin);
            headers.putSingle("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
    }
}
