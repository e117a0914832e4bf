package io.userservice.rest;

import io.userservice.core.port.in.UserExistsUseCase;
import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AuthenticationException;
import io.userservice.core.port.in.MintPortalTokenUseCase;
import jakarta.ws.rs.WebApplicationException;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.GetUserUseCase;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The Nexudus JSON endpoints under the portal's language prefix: the signed-in user, whether an
 * email is registered, and the password reset mail.
 */
@Path(PortalResource.LANG_ROOT)
@Produces(MediaType.APPLICATION_JSON)
public final class NexudusUserResource {

    private final GetUserUseCase getUser;
    private final MintPortalTokenUseCase mintPortalToken;
    private final UserExistsUseCase userExists;
    private final NexudusCallers callers;
    private final NexudusPasswordReset reset;

    NexudusUserResource(GetUserUseCase getUser, MintPortalTokenUseCase mintPortalToken, UserExistsUseCase userExists,
                        NexudusCallers callers, NexudusPasswordReset reset) {
        this.getUser = getUser;
        this.mintPortalToken = mintPortalToken;
        this.userExists = userExists;
        this.callers = callers;
        this.reset = reset;
    }

    @io.swagger.v3.oas.annotations.security.SecurityRequirement(name = OpenApiDocument.BASIC)
    @io.swagger.v3.oas.annotations.security.SecurityRequirement(name = OpenApiDocument.BEARER)
    @GET
    @Path("/user/me")
    public NexudusUserJson me(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                              @Context ContainerRequestContext request) {
        io.userservice.core.domain.ClientAddress address = ClientAddress.of(request);
        NexudusCallers.Authenticated caller = callers.require(authorization, address);
        if (caller.clientToken()) {
            // a relying party holding a user's token must not turn it into the user's browser session
            throw new WebApplicationException(Envelope.response(403,
                    "A token issued to an OpenID Connect client cannot mint tokens."));
        }
        try {
            User user = getUser.get(caller.userId());
            String token = mintPortalToken.mint(new MintPortalTokenUseCase.Command(caller.caller(),
                    caller.epoch(), caller.expiresAt(), address)).token();
            return NexudusUserJson.of(user, token);
        } catch (AuthenticationException userGone) {
            throw NexudusCallers.unauthenticated();
        } catch (AccessDeniedException impersonating) {
            throw new WebApplicationException(Envelope.response(403, impersonating.getMessage()));
        }
    }

    @GET
    @Path("/user/exists")
    public boolean exists(@QueryParam("email") String email, @Context ContainerRequestContext request) {
        return userExists.exists(new UserExistsUseCase.Command(email, ClientAddress.of(request)));
    }

    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "the envelope with the documented message",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Envelope.class)))
    @GET
    @Path("/user/resetPassword")
    public Response resetPassword(@QueryParam("email") String email, @Context ContainerRequestContext request) {
        return reset.request(email, ClientAddress.of(request));
    }
}
