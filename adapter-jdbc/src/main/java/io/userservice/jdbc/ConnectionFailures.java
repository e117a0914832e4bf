package io.userservice.jdbc;

import io.userservice.core.port.StoreUnavailableException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.jdbi.v3.core.ConnectionException;

/**
 * Turns "the database cannot be reached" into the core's {@link StoreUnavailableException}, at
 * the boundary of every store, so callers can tell an outage from a bug. Every other failure
 * passes unchanged.
 */
final class ConnectionFailures {

    private ConnectionFailures() {
    }

    /** The store, with connection failures of any of its methods translated. */
    static <T> T translated(Class<T> port, T store) {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                return method.invoke(store, args);
            } catch (InvocationTargetException e) {
                Throwable failure = e.getCause();
                if (isConnectionFailure(failure)) {
                    throw new StoreUnavailableException("database unreachable: " + rootMessage(failure), failure);
                }
                throw failure;
            }
        };
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
    }

    private static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectionException) {
                return true;
            }
        }
        return SqlErrors.isConnectionFailure(failure);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
