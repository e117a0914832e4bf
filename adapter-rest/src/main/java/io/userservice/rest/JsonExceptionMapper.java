package io.userservice.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A body that is not the JSON the endpoint expects: 400, without echoing the parser's internals. */
final class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof WebApplicationException raisedWhileReading) {
                // e.g. the body limit, hit while the parser was reading a chunked body
                return raisedWhileReading.getResponse();
            }
        }
        if (exceedsConstraints(e)) {
            return ErrorBody.response(400, "malformed_json", "The JSON body is nested too deeply.").build();
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().get(0).getFieldName();
            return ErrorBody.response(400, "invalid_json",
                    "The JSON body has a value of the wrong type" + (field == null ? "." : " for '" + field + "'."),
                    field).build();
        }
        return ErrorBody.response(400, "malformed_json", "The request body is not valid JSON of the expected shape.")
                .build();
    }

    private static boolean exceedsConstraints(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException) {
                return true;
            }
        }
        return false;
    }
}
