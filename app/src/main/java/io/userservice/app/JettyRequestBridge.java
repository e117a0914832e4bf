package io.userservice.app;

import io.userservice.rest.RequestIds;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Between Jetty and Jersey: hands Jersey the request id {@link RequestIdHandler} chose (before
 * the REST layer would choose one of its own), and hands the access log and the HTTP metrics
 * the template of the route Jersey matched ({@code /admin/users/{id}/roles/{role}}), never the
 * raw path with its ids and emails. The route of a resource method reached without a sub-resource
 * locator is worked out once and kept: its templates are the same on every request.
 */
@PreMatching
@Priority(1)
final class JettyRequestBridge implements ContainerRequestFilter, ContainerResponseFilter {

    /** The Jetty request attribute holding the matched route template. */
    static final String ROUTE = "io.userservice.route";
    private static final Pattern SLASHES = Pattern.compile("/{2,}");

    /** The route of each resource method: a bounded map, as the resource model is. */
    private final ConcurrentMap<ResourceMethod, String> routes = new ConcurrentHashMap<>();

    @Inject
    private Provider<Request> jettyRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        Request current = JettyRequestOfThread.currentOr(jettyRequest);
        if (current != null && current.getAttribute(RequestIds.PROPERTY) instanceof String id) {
            request.setProperty(RequestIds.PROPERTY, id);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Request current = JettyRequestOfThread.currentOr(jettyRequest);
        if (current == null || !(request.getUriInfo() instanceof ExtendedUriInfo info)) {
            return;
        }
        ResourceMethod method = info.getMatchedResourceMethod();
        if (method != null && info.getMatchedResourceLocators().isEmpty()) {
            current.setAttribute(ROUTE, routes.computeIfAbsent(method, m -> route(info.getMatchedTemplates())));
            return;
        }
        List<UriTemplate> templates = info.getMatchedTemplates();
        if (!templates.isEmpty()) {
            current.setAttribute(ROUTE, route(templates));
        }
    }

    /** {@code {lang: [a-z]{2}}} becomes {@code {lang}}: the name of a parameter without its pattern. */
    static String withoutPatterns(String template) {
        StringBuilder result = new StringBuilder(template.length());
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '{') {
                result.append(c);
                i++;
                continue;
            }
            int depth = 1;
            int end = i + 1;
            while (end < template.length() && depth > 0) {
                char inner = template.charAt(end);
                depth += inner == '{' ? 1 : inner == '}' ? -1 : 0;
                end++;
            }
            String parameter = template.substring(i + 1, Math.max(i + 1, end - 1));
            int colon = parameter.indexOf(':');
            result.append('{').append((colon < 0 ? parameter : parameter.substring(0, colon)).strip()).append('}');
            i = end;
        }
        return result.toString();
    }

    /** Jersey lists the matched templates innermost first. */
    static String route(List<UriTemplate> templates) {
        StringBuilder route = new StringBuilder();
        for (int i = templates.size() - 1; i >= 0; i--) {
            String template = withoutPatterns(templates.get(i).getTemplate());
            if (!template.isEmpty() && !template.equals("/")) {
                route.append(template.startsWith("/") ? "" : "/").append(template);
            }
        }
        String result = SLASHES.matcher(route).replaceAll("/");
        return result.isEmpty() ? "/" : result.length() > 1 && result.endsWith("/")
                ? result.substring(0, result.length() - 1) : result;
    }
}
