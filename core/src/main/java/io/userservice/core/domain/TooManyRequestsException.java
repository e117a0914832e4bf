package io.userservice.core.domain;

import java.time.Duration;

/**
 * Too many attempts of one kind from one client address or for one account in the current
 * window; the caller may try again after {@link #retryAfter()}. The answer is the same whether
 * or not the account exists.
 */
public class TooManyRequestsException extends UserServiceException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public TooManyRequestsException(Duration retryAfter) {
        super("too_many_requests", "Too many attempts. Please try again later.");
        this.retryAfter = retryAfter;
    }

    /** How long until the window ends, at least one second. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
