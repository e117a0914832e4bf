package io.userservice.rest;

import io.userservice.core.port.in.RequestPasswordResetUseCase;
import io.userservice.core.service.UserServiceCore;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The seed's password reset, shared by the system API and the portal: the reset mail for a known
 * email, and 404 for an unknown one, as the seed documents (which tells callers who is registered,
 * unlike the native API's reset).
 */
final class NexudusPasswordReset {

    static final String SENT = "We have sent you an email with instructions on how to change your password.";
    static final String NOT_FOUND = "No user is registered with this email address.";

    private final UserServiceCore core;

    NexudusPasswordReset(UserServiceCore core) {
        this.core = core;
    }

    Response request(String email) {
        if (!core.userExists().exists(email)) {
            return Response.status(404).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Envelope.failure(404, NOT_FOUND)).build();
        }
        core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command(email));
        return Response.ok(sent(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Envelope sent() {
        return new Envelope(200, SENT, null, false, false, null, null, null, null, null, true);
    }
}
