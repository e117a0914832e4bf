package io.userservice.rest;

import io.userservice.core.domain.InvalidInputException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Well-formed input that breaks a domain rule: 422, naming the field. */
final class InvalidInputExceptionMapper implements ExceptionMapper<InvalidInputException> {

    @Override
    public Response toResponse(InvalidInputException e) {
        return ErrorBody.response(422, e.code(), e.getMessage(), e.field()).build();
    }
}
