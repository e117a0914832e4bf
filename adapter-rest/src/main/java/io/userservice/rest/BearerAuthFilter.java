package io.userservice.rest;

import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.AuthenticateUseCase;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Set;

/**
 * Verifies the {@code Authorization: Bearer} access token of {@link BearerAuth} resources. A token
 * minted on someone's behalf is refused on every administrative route ({@code /admin/…}) before
 * the resource runs, whatever the route; the core refuses it again in each administrative use case.
 * A token issued to an OpenID Connect client (one with a {@code client_id} claim) is for the
 * relying party's scopes, which the userinfo endpoint answers: here it reaches only the read-only
 * {@code GET /user} (identity data within the {@code openid email profile} claims) and is refused
 * with 403 {@code insufficient_scope} on every other route, account and administrative alike, so a
 * route added later is closed to clients unless it is added to {@link #CLIENT_READABLE}.
 */
@BearerAuth
@Priority(Priorities.AUTHENTICATION)
final class BearerAuthFilter implements ContainerRequestFilter {

    private static final String PREFIX = "bearer ";

    /** The error code of a client token on a route its scopes do not reach (RFC 6750 §3.1). */
    static final String INSUFFICIENT_SCOPE = "insufficient_scope";

    /** The only routes (path relative to the application) an OpenID Connect client's token may read. */
    static final Set<String> CLIENT_READABLE = Set.of("user");

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
        AuthenticateUseCase.Holder holder = authenticate.authenticateHolder(header.substring(PREFIX.length()).strip());
        AccessTokenClaims claims = holder.claims();
        if (claims.isImpersonation() && isAdministrative(request)) {
            throw new AccessDeniedException("A token minted on someone's behalf cannot be used for administration.");
        }
        if (claims.isForClient() && !isClientReadable(request)) {
            throw new WebApplicationException(ErrorBody.response(403, INSUFFICIENT_SCOPE,
                            "A token issued to an OpenID Connect client cannot act on the account here;"
                                    + " use the userinfo endpoint.")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"" + INSUFFICIENT_SCOPE + "\"")
                    .build());
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new TokenSecurityContext(holder, secure));
    }

    /** The verified caller of a request, with their account as the check found it. */
    record TokenHolder(AccessTokenClaims claims, User user) implements Principal {
        @Override
        public String getName() {
            return Long.toString(claims.userId());
        }
    }

    private record TokenSecurityContext(TokenHolder holder, boolean secure) implements SecurityContext {

        TokenSecurityContext(AuthenticateUseCase.Holder holder, boolean secure) {
            this(new TokenHolder(holder.claims(), holder.user()), secure);
        }

        @Override
        public Principal getUserPrincipal() {
            return holder;
        }

        @Override
        public boolean isUserInRole(String role) {
            return holder.claims().roles().stream().anyMatch(r -> r.name().equals(role));
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

    private static boolean isClientReadable(ContainerRequestContext request) {
        String method = request.getMethod();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            return false;
        }
        String path = request.getUriInfo().getPath();
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (relative.endsWith("/")) {
            relative = relative.substring(0, relative.length() - 1);
        }
        return CLIENT_READABLE.contains(relative);
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

    /** The caller's account as the token check found it, earlier in this request. */
    static User user(SecurityContext context) {
        if (context.getUserPrincipal() instanceof TokenHolder holder) {
            return holder.user();
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
