package io.userservice.rest;

import io.userservice.core.port.in.ResetMfaUseCase;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** An administrator turns a user's two-factor authentication off, when the user lost their device and codes. */
@Path("/admin/users/{id}/mfa")
@BearerAuth
@Produces(MediaType.APPLICATION_JSON)
public final class AdminMfaResource {

    private final ResetMfaUseCase resetMfa;

    AdminMfaResource(ResetMfaUseCase resetMfa) {
        this.resetMfa = resetMfa;
    }

    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "204", description = "the user's second factors are removed")
    @DELETE
    public Response reset(@Context SecurityContext caller, @Context ContainerRequestContext request,
                          @PathParam("id") String id) {
        resetMfa.reset(new ResetMfaUseCase.Command(BearerAuthFilter.caller(caller), id(id), ClientAddress.of(request)));
        return Response.noContent().build();
    }

    private static long id(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new io.userservice.core.domain.NotFoundException("user_not_found", "There is no user with this id.");
        }
    }
}
