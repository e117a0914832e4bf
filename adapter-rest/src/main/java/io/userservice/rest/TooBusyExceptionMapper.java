package io.userservice.rest;

import io.userservice.core.port.TooBusyException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** The service is saturated (e.g. by a sign-in flood): 503 at once, with when to retry. */
final class TooBusyExceptionMapper implements ExceptionMapper<TooBusyException> {

    @Override
    public Response toResponse(TooBusyException e) {
        return ErrorBody.response(503, e.code(), e.getMessage())
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
                .build();
    }
}
