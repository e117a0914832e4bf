package io.userservice.rest;

import jakarta.ws.rs.WebApplicationException;

/** Errors the HTTP layer itself raises, already carrying their JSON body. */
final class ApiErrors {

    private ApiErrors() {
    }

    static WebApplicationException missingBody() {
        return new WebApplicationException(ErrorBody.response(400, "missing_body",
                "A JSON object is required as the request body.").build());
    }

    static WebApplicationException payloadTooLarge(long limit) {
        return new WebApplicationException(ErrorBody.response(413, "payload_too_large",
                "The request body may be at most " + limit + " bytes.").build());
    }

    static <T> T requireBody(T body) {
        if (body == null) {
            throw missingBody();
        }
        return body;
    }
}
