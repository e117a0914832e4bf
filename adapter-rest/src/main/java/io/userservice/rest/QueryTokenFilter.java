package io.userservice.rest;

import io.userservice.core.domain.Language;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Refuses secrets in the query string, where proxies, server logs and browser histories keep
 * them: a request naming a token, code or password parameter is a 400 before any resource runs.
 * The only exceptions are the links this service itself mails or hands out, which are GET pages
 * that use nothing up by being fetched: the portal sign-in link's {@code t}, and the {@code code}
 * of the hosted confirmation, password-reset and email-change pages (whose form POST carries the
 * code in the body).
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR + 1)
final class QueryTokenFilter implements ContainerRequestFilter {

    private static final Set<String> SECRET_PARAMETERS = Set.of("access_token", "accesstoken", "token",
            "refresh_token", "refreshtoken", "id_token", "code", "t", "password");
    private static final String LANG = "/?" + Language.TAG_PATTERN;
    private static final Pattern PORTAL_LOGIN = Pattern.compile(LANG + "/user/login/?");
    private static final Pattern CODE_PAGES = Pattern.compile(LANG + "/user/(?:confirm|resetPassword/complete|email/confirm)/?");

    @Override
    public void filter(ContainerRequestContext request) {
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        if (query == null || query.isEmpty()) {
            return;
        }
        String path = request.getUriInfo().getPath();
        boolean get = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        for (String name : request.getUriInfo().getQueryParameters().keySet()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!SECRET_PARAMETERS.contains(lower) || get && allowed(lower, path)) {
                continue;
            }
            request.abortWith(ErrorBody.response(400, "secret_in_query",
                    "Tokens, codes and passwords are not accepted in the query string; send them in the"
                            + " Authorization header or the request body.", name).build());
            return;
        }
    }

    private static boolean allowed(String parameter, String path) {
        return parameter.equals("t") && PORTAL_LOGIN.matcher(path).matches()
                || parameter.equals("code") && CODE_PAGES.matcher(path).matches();
    }
}
