package io.userservice.rest;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.Passkey;
import io.userservice.core.port.in.ManagePasskeysUseCase;
import io.userservice.core.port.in.RegisterPasskeyUseCase;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** The signed-in user's passkeys: registering one, listing, renaming and removing them. */
@Path("/user/passkeys")
@BearerAuth
@Produces(MediaType.APPLICATION_JSON)
public final class PasskeysResource {

    private final RegisterPasskeyUseCase register;
    private final ManagePasskeysUseCase manage;

    PasskeysResource(RegisterPasskeyUseCase register, ManagePasskeysUseCase manage) {
        this.register = register;
        this.manage = manage;
    }

    /** The creation options; the body may be absent when the token comes from a sign-in of the last five minutes. */
    @POST
    @Path("/registration/options")
    @Consumes(MediaType.APPLICATION_JSON)
    public PasskeyJson.CreationOptions options(@Context SecurityContext caller,
                                               @Context ContainerRequestContext request,
                                               PasskeyJson.OptionsRequest body) {
        return PasskeyJson.CreationOptions.of(register.options(new RegisterPasskeyUseCase.OptionsCommand(
                BearerAuthFilter.caller(caller), BearerAuthFilter.authTime(caller),
                body == null ? null : body.password(), ClientAddress.of(request))));
    }

    @ApiResponse(responseCode = "201", description = "the passkey is registered")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(@Context SecurityContext caller, @Context ContainerRequestContext request,
                             PasskeyJson.Registration body) {
        ApiErrors.requireBody(body);
        Passkey passkey = register.register(new RegisterPasskeyUseCase.Command(BearerAuthFilter.caller(caller),
                PasskeyJson.text(body.credential()), body.name(), ClientAddress.of(request)));
        return Response.status(201).entity(PasskeyJson.One.of(passkey)).build();
    }

    @GET
    public PasskeyJson.Many list(@Context SecurityContext caller) {
        return PasskeyJson.Many.of(manage.list(BearerAuthFilter.caller(caller)));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public PasskeyJson.One rename(@Context SecurityContext caller, @Context ContainerRequestContext request,
                                  @PathParam("id") String id, PasskeyJson.Rename body) {
        ApiErrors.requireBody(body);
        Caller who = BearerAuthFilter.caller(caller);
        return PasskeyJson.One.of(manage.rename(who, id, body.name(), ClientAddress.of(request)));
    }

    @ApiResponse(responseCode = "204", description = "the passkey is removed")
    @DELETE
    @Path("/{id}")
    public Response delete(@Context SecurityContext caller, @Context ContainerRequestContext request,
                           @PathParam("id") String id) {
        manage.delete(BearerAuthFilter.caller(caller), id, ClientAddress.of(request));
        return Response.noContent().build();
    }
}
