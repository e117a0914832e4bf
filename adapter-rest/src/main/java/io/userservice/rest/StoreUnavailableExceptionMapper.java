package io.userservice.rest;

import io.userservice.core.port.StoreUnavailableException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The database cannot be reached: 503 with a hint to retry, instead of an internal error. */
final class StoreUnavailableExceptionMapper implements ExceptionMapper<StoreUnavailableException> {

    private static final Logger LOG = LoggerFactory.getLogger(StoreUnavailableExceptionMapper.class);
    static final int RETRY_AFTER_SECONDS = 5;

    @Override
    public Response toResponse(StoreUnavailableException e) {
        LOG.warn("store unavailable: {}", e.getMessage());
        return ErrorBody.response(503, "store_unavailable",
                        "The service cannot reach its database right now. Please try again shortly.")
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }
}
