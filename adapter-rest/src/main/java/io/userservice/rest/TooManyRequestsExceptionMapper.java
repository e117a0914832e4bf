package io.userservice.rest;

import io.userservice.core.domain.TooManyRequestsException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Throttled: 429 with {@code Retry-After} in seconds, the same for every account and address. */
final class TooManyRequestsExceptionMapper implements ExceptionMapper<TooManyRequestsException> {

    @Override
    public Response toResponse(TooManyRequestsException e) {
        return ErrorBody.response(429, e.code(), e.getMessage())
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(e))
                .build();
    }

    static long retryAfterSeconds(TooManyRequestsException e) {
        return Math.max(1, e.retryAfter().toSeconds());
    }
}
