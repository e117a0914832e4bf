package io.userservice.rest;

import io.userservice.core.domain.TooManyRequestsException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.regex.Pattern;

/**
 * Throttled: 429 with {@code Retry-After} in seconds, the same for every account and address. The
 * Nexudus-compatible endpoints answer in their envelope, the native API with its error body.
 */
final class TooManyRequestsExceptionMapper implements ExceptionMapper<TooManyRequestsException> {

    private static final Pattern NEXUDUS_JSON = Pattern.compile("^/?(api/sys/|[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?/user/).*");

    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(TooManyRequestsException e) {
        Response.ResponseBuilder response = isNexudus()
                ? Response.status(429).type(MediaType.APPLICATION_JSON_TYPE).entity(Envelope.failure(429, e.getMessage()))
                : ErrorBody.response(429, e.code(), e.getMessage());
        return response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(e)).build();
    }

    private boolean isNexudus() {
        return uri != null && NEXUDUS_JSON.matcher(uri.getPath()).matches();
    }

    static long retryAfterSeconds(TooManyRequestsException e) {
        return Math.max(1, e.retryAfter().toSeconds());
    }
}
