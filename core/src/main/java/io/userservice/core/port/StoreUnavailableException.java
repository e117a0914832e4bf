package io.userservice.core.port;

/**
 * Thrown by a store when it cannot be reached (the database is down or its connections are
 * exhausted), or when the database kept giving its work up to settle conflicts with concurrent
 * transactions through every retry. Nothing was changed; the same call may succeed once the store
 * is back or less busy.
 */
public class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
