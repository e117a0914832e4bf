package io.userservice.app;

import jakarta.inject.Provider;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The innermost handler, right around Jersey: keeps the Jetty request it hands on in a variable of
 * the thread while Jersey serves it, so that the filters which need it ({@link JettyRequestBridge},
 * {@link JettyClientAddressFilter}) read it there instead of through an injected provider, which
 * costs a proxy and a scope lookup on every request. Jersey serves every request synchronously on
 * the thread that handles it (no resource suspends); a filter that finds no request here, as it
 * would on another thread, falls back to the provider.
 */
final class JettyRequestOfThread extends Handler.Wrapper {

    private static final ThreadLocal<Request> SERVED = new ThreadLocal<>();

    JettyRequestOfThread(Handler jersey) {
        super(jersey);
    }

    /** The request this thread is handing to Jersey, or {@code null} outside such a call. */
    static Request current() {
        return SERVED.get();
    }

    /** The request this thread is handing to Jersey, else what {@code injected} gives. */
    static Request currentOr(Provider<Request> injected) {
        Request current = SERVED.get();
        return current != null ? current : injected.get();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Request outer = SERVED.get();
        SERVED.set(request);
        try {
            return super.handle(request, response, callback);
        } finally {
            if (outer == null) {
                SERVED.remove();
            } else {
                SERVED.set(outer);
            }
        }
    }
}
