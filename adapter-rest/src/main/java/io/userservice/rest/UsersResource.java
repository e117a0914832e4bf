package io.userservice.rest;

import io.userservice.core.domain.User;
import io.userservice.core.port.in.CompletePasswordResetUseCase;
import io.userservice.core.port.in.ConfirmEmailUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/users")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class UsersResource {

    private final RegisterUserUseCase register;
    private final ConfirmEmailUseCase confirmEmail;
    private final RequestPasswordResetUseCase requestPasswordReset;
    private final CompletePasswordResetUseCase completePasswordReset;

    UsersResource(RegisterUserUseCase register, ConfirmEmailUseCase confirmEmail, RequestPasswordResetUseCase requestPasswordReset, CompletePasswordResetUseCase completePasswordReset) {
        this.register = register;
        this.confirmEmail = confirmEmail;
        this.requestPasswordReset = requestPasswordReset;
        this.completePasswordReset = completePasswordReset;
    }

    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "the new user",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Bodies.UserResult.class)))
    @POST
    public Response register(Bodies.Register body, @Context ContainerRequestContext request) {
        ApiErrors.requireBody(body);
        User user = register.register(RegisterUserUseCase.Command.of(body.email(), body.password(),
                body.firstname(), body.lastname(), body.language(), ClientAddress.of(request)));
        return Response.status(201).entity(Bodies.UserResult.success(UserJson.of(user))).build();
    }

    @POST
    @Path("/confirm")
    public Bodies.UserResult confirm(Bodies.Confirm body, @Context ContainerRequestContext request) {
        ApiErrors.requireBody(body);
        User user = confirmEmail.confirm(new ConfirmEmailUseCase.Command(body.code(), ClientAddress.of(request)));
        return Bodies.UserResult.success(UserJson.of(user));
    }

    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "202", description = "the same answer whether or not the email exists",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Bodies.Accepted.class)))
    @POST
    @Path("/password/reset")
    public Response requestReset(Bodies.ResetRequest body, @Context ContainerRequestContext request) {
        ApiErrors.requireBody(body);
        requestPasswordReset.request(new RequestPasswordResetUseCase.Command(body.email(),
                ClientAddress.of(request)));
        return Response.accepted(new Bodies.Accepted("success",
                "If the address belongs to an account, a reset link is on its way.")).build();
    }

    @POST
    @Path("/password/reset/complete")
    public Bodies.UserResult completeReset(Bodies.ResetComplete body, @Context ContainerRequestContext request) {
        ApiErrors.requireBody(body);
        User user = completePasswordReset.complete(
                new CompletePasswordResetUseCase.Command(body.code(), body.password(), ClientAddress.of(request)));
        return Bodies.UserResult.success(UserJson.of(user));
    }
}
