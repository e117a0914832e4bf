package io.userservice.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.port.in.ImpersonateUseCase;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Minting a token for another user (the Nexudus "Get Authentication Token for User"), for callers
 * with role {@code admin} or {@code user-edit}, authenticated by Basic or Bearer.
 */
@Path("/api/sys/users/{id}/token/refresh")
@Produces(MediaType.APPLICATION_JSON)
public final class ImpersonationResource {

    private final ImpersonateUseCase impersonate;
    private final NexudusCallers callers;

    ImpersonationResource(ImpersonateUseCase impersonate, NexudusCallers callers) {
        this.impersonate = impersonate;
        this.callers = callers;
    }

    record Auth(@JsonProperty("validityInMinutes") Integer validityInMinutes) {
    }

    record RefreshRequest(@JsonProperty("auth") Auth auth) {
    }

    @io.swagger.v3.oas.annotations.security.SecurityRequirement(name = OpenApiDocument.BASIC)
    @io.swagger.v3.oas.annotations.security.SecurityRequirement(name = OpenApiDocument.BEARER)
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "the envelope; Value is the token for the user",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Envelope.class)))
    @GET
    public Response get(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                        @Context ContainerRequestContext request) {
        return mint(id, authorization, null, request);
    }

    @io.swagger.v3.oas.annotations.security.SecurityRequirement(name = OpenApiDocument.BASIC)
    @io.swagger.v3.oas.annotations.security.SecurityRequirement(name = OpenApiDocument.BEARER)
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "the envelope; Value is the token for the user",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Envelope.class)))
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response post(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         RefreshRequest body, @Context ContainerRequestContext request) {
        Integer validity = body == null || body.auth() == null ? null : body.auth().validityInMinutes();
        return mint(id, authorization, validity, request);
    }

    private Response mint(String id, String authorization, Integer validity, ContainerRequestContext request) {
        NexudusCallers.Authenticated caller = callers.require(authorization, ClientAddress.of(request));
        if (caller.clientToken()) {
            return Envelope.response(403, "A token issued to an OpenID Connect client cannot mint tokens.");
        }
        long targetId;
        try {
            targetId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Envelope.response(404, "There is no user with this id.");
        }
        try {
            String token = impersonate.impersonate(new ImpersonateUseCase.Command(caller.caller(),
                    targetId, validity, ClientAddress.of(request))).token();
            return Response.ok(Envelope.ok(token)).build();
        } catch (AccessDeniedException e) {
            return Envelope.response(403, e.getMessage());
        } catch (NotFoundException e) {
            return Envelope.response(404, e.getMessage());
        } catch (InvalidInputException e) {
            return Envelope.response(400, e.getMessage());
        }
    }

}
