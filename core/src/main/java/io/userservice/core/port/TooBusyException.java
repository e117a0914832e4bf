package io.userservice.core.port;

import io.userservice.core.domain.UserServiceException;

/**
 * The service has more expensive work in hand than it accepts at once (for example password
 * hashing during a sign-in flood); the caller should try again after {@link #retryAfterSeconds()}.
 * Nothing was changed.
 */
public class TooBusyException extends UserServiceException {

    private static final long serialVersionUID = 1L;

    private final int retryAfterSeconds;

    public TooBusyException(String message, int retryAfterSeconds) {
        super("too_busy", message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** How long the caller should wait before trying again. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
