package io.userservice.rest;

import io.userservice.core.domain.AuthenticationException;
import io.userservice.core.domain.InvalidTokenException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Every "who are you?" failure is a 401; a bad bearer token also says how to authenticate. */
final class AuthenticationExceptionMapper implements ExceptionMapper<AuthenticationException> {

    @Override
    public Response toResponse(AuthenticationException e) {
        Response.ResponseBuilder response = ErrorBody.response(401, e.code(), e.getMessage());
        if (e instanceof InvalidTokenException) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        }
        return response.build();
    }
}
