package io.userservice.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;

/**
 * Failures raised by the HTTP machinery (unknown path, wrong method, wrong media type): the same
 * status, with the JSON error shape instead of the container's default page.
 */
final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    private static final Map<Integer, String[]> KNOWN = Map.of(
            400, new String[] {"bad_request", "The request is malformed."},
            401, new String[] {"unauthenticated", "Authentication is required."},
            403, new String[] {"forbidden", "This is not allowed."},
            404, new String[] {"not_found", "There is nothing at this address."},
            405, new String[] {"method_not_allowed", "This method is not allowed here."},
            406, new String[] {"not_acceptable", "This resource can only answer with JSON."},
            413, new String[] {"payload_too_large", "The request body is too large."},
            415, new String[] {"unsupported_media_type", "The request body must be sent as application/json."});

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        if (original.hasEntity()) {
            return original;
        }
        int status = original.getStatus();
        String[] known = KNOWN.getOrDefault(status,
                new String[] {status >= 500 ? "server_error" : "bad_request", "The request could not be handled."});
        Response.ResponseBuilder response = ErrorBody.response(status, known[0], known[1]);
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> response.header(name, v));
            }
        });
        return response.build();
    }
}
