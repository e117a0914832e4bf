package io.userservice.rest;

import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.EmailAlreadyTakenException;
import io.userservice.core.domain.EmailNotConfirmedException;
import io.userservice.core.domain.InvalidCodeException;
import io.userservice.core.domain.LimitExceededException;
import io.userservice.core.domain.ManagedByDirectoryException;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.UserServiceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** The remaining business failures, each with its status; the domain's code passes unchanged. */
final class DomainExceptionMapper implements ExceptionMapper<UserServiceException> {

    @Override
    public Response toResponse(UserServiceException e) {
        return ErrorBody.response(statusOf(e), e.code(), e.getMessage()).build();
    }

    static int statusOf(UserServiceException e) {
        if (e instanceof EmailAlreadyTakenException) {
            return 409;
        }
        if (e instanceof EmailNotConfirmedException || e instanceof AccessDeniedException
                || e instanceof ManagedByDirectoryException) {
            return 403;
        }
        if (e instanceof NotFoundException) {
            return 404;
        }
        if (e instanceof InvalidCodeException) {
            return 400;
        }
        if (e instanceof LimitExceededException) {
            return 422;
        }
        return 400;
    }
}
