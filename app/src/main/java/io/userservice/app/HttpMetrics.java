package io.userservice.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;

/**
 * {@code http_server_requests_seconds{method, route, status}} of the public port, recorded when
 * an answer is complete. The route is the matched template; a request no route matched counts
 * under {@code NOT_FOUND} (a 404) or {@code UNMATCHED} (refused before routing), never its raw
 * path; an unknown method counts as {@code OTHER}.
 */
final class HttpMetrics implements RequestLog {

    private final MeterRegistry registry;
    /** The timers by method, route and status: a bounded set (methods, templates and statuses are), found without building a meter id. */
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

    /** A timer's labels; the route and method are the few constant texts of routes and methods, whose hashes their strings keep. */
    private record Key(String method, String route, int status) {
    }

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void log(Request request, Response response) {
        int status = response.getStatus();
        String route = request.getAttribute(JettyRequestBridge.ROUTE) instanceof String template ? template
                : status == 404 ? "NOT_FOUND" : "UNMATCHED";
        String method = HttpObservation.method(request);
        timers.computeIfAbsent(new Key(method, route, status), key -> Timer.builder("http.server.requests")
                        .description("HTTP requests of the public port").tag("method", method).tag("route", route)
                        .tag("status", Integer.toString(status)).register(registry))
                .record(HttpObservation.elapsedNanos(request), TimeUnit.NANOSECONDS);
    }
}
