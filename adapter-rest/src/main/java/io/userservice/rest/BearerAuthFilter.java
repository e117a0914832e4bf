package io.userservice.rest;

import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.port.in.AuthenticateUseCase;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * Verifies the {@code Authorization: Bearer} access token of {@link BearerAuth} resources. A token
 * minted on someone's behalf is refused on every administrative route ({@code /admin/…}) before
 * the resource runs, whatever the route; the core refuses it again in each administrative use case.
 * So is a token issued to an OpenID Connect client: a client holding an administrator's token may
 * act for them on their own account, never administer.
 */
@BearerAuth
@Priority(Priorities.AUTHENTICATION)
final class BearerAuthFilter implements ContainerRequestFilter {

    private static final String PREFIX = "bearer ";

    private final AuthenticateUseCase authenticate;

    BearerAuthFilter(AuthenticateUseCase authenticate) {
        this.authenticate = authenticate;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= PREFIX.length()
                || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new InvalidTokenException("A bearer access token is required.");
        }
        AccessTokenClaims claims = authenticate.authenticate(header.substring(PREFIX.length()).strip());
        if (claims.isImpersonation() && isAdministrative(request)) {
            throw new AccessDeniedException("A token minted on someone's behalf cannot be used for administration.");
        }
        if (claims.isForClient() && isAdministrative(request)) {
            throw new AccessDeniedException("A token issued to an OpenID Connect client cannot be used for administration.");
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new TokenSecurityContext(claims, secure));
    }

    /** The verified caller of a request. */
    record TokenHolder(AccessTokenClaims claims) implements Principal {
        @Override
        public String getName() {
            return Long.toString(claims.userId());
        }
    }

    private record TokenSecurityContext(AccessTokenClaims claims, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return new TokenHolder(claims);
        }

        @Override
        public boolean isUserInRole(String role) {
            return claims.roles().stream().anyMatch(r -> r.name().equals(role));
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }

    private static boolean isAdministrative(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.equals("admin") || relative.startsWith("admin/");
    }

    /** The verified caller of a {@link BearerAuth} request. */
    static Caller caller(SecurityContext context) {
        if (context.getUserPrincipal() instanceof TokenHolder holder) {
            return Caller.of(holder.claims());
        }
        throw new InvalidTokenException("A bearer access token is required.");
    }

    /** When the caller's token says its sign-in happened, or null when it does not say. */
    static java.time.Instant authTime(SecurityContext context) {
        if (context.getUserPrincipal() instanceof TokenHolder holder) {
            return holder.claims().authTime();
        }
        throw new InvalidTokenException("A bearer access token is required.");
    }

    static long userId(SecurityContext context) {
        if (context.getUserPrincipal() instanceof TokenHolder holder) {
            return holder.claims().userId();
        }
        throw new InvalidTokenException("A bearer access token is required.");
    }
}
