package io.userservice.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.userservice.rest.RequestIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * One line a request on the {@code io.userservice.access} logger, when the answer is complete:
 * method, route (the matched template, else the path), status and duration, with the request id.
 * Never the query string (it holds the codes of mail links and portal tokens) and no header.
 *
 * <p>The line is handed to Logback's appenders as a finished event: its message already written,
 * the request id as its MDC, and method, route, status and duration as key-value pairs (the JSON
 * encoder writes them as fields), so a request pays neither message formatting nor a change of
 * the thread's MDC for it.
 */
final class AccessLog implements RequestLog {

    static final String LOGGER = "io.userservice.access";
    private static final Logger LOG = (Logger) LoggerFactory.getLogger(LOGGER);

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
        String message = new StringBuilder(method.length() + route.length() + 16).append(method).append(' ')
                .append(route).append(' ').append(status).append(' ').append(millis).append(" ms").toString();
        LoggingEvent line = new LoggingEvent(AccessLog.class.getName(), LOG, Level.INFO, message, null, null);
        line.setMDCPropertyMap(Map.of(RequestIds.MDC_KEY, RequestIdHandler.of(request)));
        List<KeyValuePair> fields = new ArrayList<>(4);
        fields.add(new KeyValuePair("method", method));
        fields.add(new KeyValuePair("route", route));
        fields.add(new KeyValuePair("status", status));
        fields.add(new KeyValuePair("durationMs", millis));
        line.setKeyValuePairs(fields);
        LOG.callAppenders(line);
    }
}
