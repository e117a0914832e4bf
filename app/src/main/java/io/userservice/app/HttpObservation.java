package io.userservice.app;

import java.util.Set;
import org.eclipse.jetty.server.Request;

/** What the access log and the HTTP metrics read from a finished request, alike. */
final class HttpObservation {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private HttpObservation() {
    }

    /** The method, or {@code OTHER} for any a client made up (a label value is never chosen by a client). */
    static String method(Request request) {
        String method = request.getMethod();
        return METHODS.contains(method) ? method : "OTHER";
    }

    static long elapsedNanos(Request request) {
        return Math.max(0, System.nanoTime() - request.getBeginNanoTime());
    }
}
