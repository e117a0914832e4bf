package io.userservice.core.port.out;

import java.util.Optional;

/**
 * The id of the request the calling thread is serving (an HTTP {@code X-Request-Id}), which the
 * core writes into the audit records it makes, so that a record, the log lines and the answer of
 * one request can be found together. Called on the thread that called the use case.
 */
@FunctionalInterface
public interface RequestIdSource {

    /** The current request's id; empty outside a request. */
    Optional<String> current();

    /** No requests: every audit record is made without a request id. */
    static RequestIdSource none() {
        return Optional::empty;
    }
}
