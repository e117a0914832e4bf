package io.userservice.core.port;

/**
 * Thrown by a store when it cannot be reached (the database is down or its connections are
 * exhausted). Nothing was changed; the same call may succeed once the store is back.
 */
public class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
