package io.userservice.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The error shape of the native API: {@code {"status":"error","error":{"code":…,"message":…},
 * "requestId":…}}, the request id being the one of the request served ({@link RequestIds}).
 */
record ErrorBody(String status, Detail error, @JsonInclude(JsonInclude.Include.NON_NULL) String requestId) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Detail(String code, String message, String field) {
    }

    static ErrorBody of(String code, String message, String field) {
        return new ErrorBody("error", new Detail(code, message, field), RequestIds.current().orElse(null));
    }

    static Response.ResponseBuilder response(int status, String code, String message) {
        return response(status, code, message, null);
    }

    static Response.ResponseBuilder response(int status, String code, String message, String field) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(of(code, message, field));
    }
}
