package io.userservice.app;

import io.userservice.rest.RequestIds;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.MDC;

/**
 * The outermost handler: gives the request its id ({@link RequestIds}: the client's well-formed
 * {@code X-Request-Id}, else a new one), answers it in the same header, and keeps it in a request
 * attribute (for the access log and Jersey) and in the MDC while the request is handled.
 */
final class RequestIdHandler extends Handler.Wrapper {

    RequestIdHandler(Handler next) {
        super(next);
    }

    /** The id of a request that passed through this handler, or a new one for a request Jetty refused earlier. */
    static String of(Request request) {
        return request.getAttribute(RequestIds.PROPERTY) instanceof String id ? id
                : RequestIds.acceptOrGenerate(request.getHeaders().get(RequestIds.HEADER));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String id = RequestIds.acceptOrGenerate(request.getHeaders().get(RequestIds.HEADER));
        request.setAttribute(RequestIds.PROPERTY, id);
        response.getHeaders().put(RequestIds.HEADER, id);
        String outer = MDC.get(RequestIds.MDC_KEY);
        MDC.put(RequestIds.MDC_KEY, id);
        try {
            return super.handle(request, response, callback);
        } finally {
            if (outer == null) {
                MDC.remove(RequestIds.MDC_KEY);
            } else {
                MDC.put(RequestIds.MDC_KEY, outer);
            }
        }
    }
}
