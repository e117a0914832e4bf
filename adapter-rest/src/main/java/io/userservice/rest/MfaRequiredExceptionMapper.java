package io.userservice.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.userservice.core.domain.MfaRequiredException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;

/**
 * The right password of an account with two-factor authentication on: 403 {@code mfa_required}
 * with the challenge token and the ways to answer it, and no tokens.
 */
final class MfaRequiredExceptionMapper implements ExceptionMapper<MfaRequiredException> {

    @JsonPropertyOrder({"status", "error", "mfaToken", "methods", "requestId"})
    record MfaRequiredBody(String status, ErrorBody.Detail error, String mfaToken, List<String> methods,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String requestId) {
    }

    @Override
    public Response toResponse(MfaRequiredException e) {
        return Response.status(403).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new MfaRequiredBody("error", new ErrorBody.Detail(e.code(), e.getMessage(), null),
                        e.mfaToken(), e.methods(), RequestIds.current().orElse(null)))
                .build();
    }
}
