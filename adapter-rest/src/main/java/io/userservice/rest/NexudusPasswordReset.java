package io.userservice.rest;

import io.userservice.core.port.in.UserExistsUseCase;
import io.userservice.core.domain.ManagedByDirectoryException;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The Nexudus password reset, shared by the system API and the portal: the reset mail for a known
 * email, and 404 for an unknown one, as the Nexudus documents say (which tells callers who is registered,
 * unlike the native API's reset).
 */
final class NexudusPasswordReset {

    static final String SENT = "We have sent you an email with instructions on how to change your password.";
    static final String NOT_FOUND = "No user is registered with this email address.";

    private final UserExistsUseCase userExists;
    private final RequestPasswordResetUseCase requestPasswordReset;

    NexudusPasswordReset(UserExistsUseCase userExists, RequestPasswordResetUseCase requestPasswordReset) {
        this.userExists = userExists;
        this.requestPasswordReset = requestPasswordReset;
    }

    Response request(String email, io.userservice.core.domain.ClientAddress clientAddress) {
        if (!userExists.exists(new UserExistsUseCase.Command(email, clientAddress))) {
            return Envelope.response(404, NOT_FOUND);
        }
        try {
            requestPasswordReset.request(new RequestPasswordResetUseCase.Command(email, clientAddress));
        } catch (ManagedByDirectoryException e) {
            return Envelope.response(403, e.getMessage());
        }
        return Response.ok(Envelope.ok(SENT, null), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
