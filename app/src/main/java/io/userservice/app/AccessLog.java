package io.userservice.app;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One line a request on the {@code io.userservice.access} logger, when the answer is complete:
 * method, route (the matched template, else the path), status and duration, with the request id.
 * Never the query string (it holds the codes of mail links and portal tokens) and no header.
 */
final class AccessLog implements RequestLog {

    static final String LOGGER = "io.userservice.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    @Override
    public void log(Request request, Response response) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        String method = HttpObservation.method(request);
        String route = request.getAttribute(JettyRequestBridge.ROUTE) instanceof String template ? template
                : request.getHttpURI().getPath();
        int status = response.getStatus();
        long millis = HttpObservation.elapsedNanos(request) / 1_000_000;
        // the request id goes into the MDC, where the text pattern reads it; the other fields travel
        // as the event's key-value pairs, which the JSON encoder writes like MDC fields: fewer
        // copies of the MDC per line
        try (MDC.MDCCloseable id = MDC.putCloseable("requestId", RequestIdHandler.of(request))) {
            LOG.atInfo().addKeyValue("method", method).addKeyValue("route", route)
                    .addKeyValue("status", status).addKeyValue("durationMs", millis)
                    .log("{} {} {} {} ms", method, route, status, millis);
        }
    }
}
