package io.userservice.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line: anything unexpected is logged with a correlation id (the request id) and
 * answered with a plain 500 that carries the id and nothing about the internals.
 */
final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        String correlationId = RequestIds.current().orElseGet(() -> UUID.randomUUID().toString());
        LOG.error("unexpected failure, correlation id {}", correlationId, e);
        return ErrorBody.response(500, "internal_error",
                        "Something went wrong on our side. Reference: " + correlationId)
                .header("X-Correlation-Id", correlationId)
                .build();
    }
}
