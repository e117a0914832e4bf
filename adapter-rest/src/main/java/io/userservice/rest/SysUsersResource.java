package io.userservice.rest;

import io.userservice.core.port.in.VerifyCredentialsUseCase;
import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.userservice.core.domain.AuthenticationException;
import io.userservice.core.domain.SecondFactorRequiredException;
import io.userservice.core.domain.EmailNotConfirmedException;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.IssuePortalTokenUseCase;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The Nexudus-compatible system API. Failures are answered the way the Nexudus documents describe them: an
 * envelope with {@code WasSuccessful: false} and the failure's status inside it.
 */
@Path("/api/sys/users")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class SysUsersResource {

    private final IssuePortalTokenUseCase issuePortalToken;
    private final VerifyCredentialsUseCase verifyCredentials;
    private final NexudusPasswordReset reset;

    SysUsersResource(IssuePortalTokenUseCase issuePortalToken, VerifyCredentialsUseCase verifyCredentials,
                     NexudusPasswordReset reset) {
        this.issuePortalToken = issuePortalToken;
        this.verifyCredentials = verifyCredentials;
        this.reset = reset;
    }

    record TokenRequest(@JsonProperty("email") String email, @JsonProperty("password") String password,
                        @JsonProperty("validityInMinutes") Integer validityInMinutes) {
    }

    @POST
    @Path("/token")
    public Envelope token(TokenRequest body, @Context ContainerRequestContext request) {
        ApiErrors.requireBody(body);
        try {
            return Envelope.ok(issuePortalToken.issue(new IssuePortalTokenUseCase.Command(body.email(),
                    body.password(), body.validityInMinutes(), ClientAddress.of(request))).token());
        } catch (SecondFactorRequiredException e) {
            return Envelope.failure(401, e.getMessage());
        } catch (AuthenticationException | EmailNotConfirmedException e) {
            return Envelope.failure(500, Envelope.INVALID_CREDENTIALS);
        } catch (InvalidInputException e) {
            return Envelope.failure(400, e.getMessage());
        }
    }

    /** The Nexudus API spells the keys in PascalCase; its clients bind case-insensitively, so camelCase works too. */
    record ValidateRequest(@JsonProperty("Email") @JsonAlias("email") String email,
                           @JsonProperty("Password") @JsonAlias("password") String password) {
    }

    @POST
    @Path("/validate")
    public Envelope validate(ValidateRequest body, @Context ContainerRequestContext request) {
        ApiErrors.requireBody(body);
        try {
            User user = verifyCredentials.verify(new VerifyCredentialsUseCase.Command(body.email(), body.password(), ClientAddress.of(request)));
            return Envelope.ok(NexudusUserJson.of(user, null));
        } catch (SecondFactorRequiredException e) {
            return Envelope.failure(401, e.getMessage());
        } catch (AuthenticationException | EmailNotConfirmedException e) {
            return Envelope.failure(500, Envelope.INVALID_CREDENTIALS);
        }
    }

    /** The email travels in the query, so any body and content type (or none) is accepted. */
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "the envelope with the documented message",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Envelope.class)))
    @POST
    @Path("/resetPassword")
    @Consumes(MediaType.WILDCARD)
    public Response resetPassword(@QueryParam("email") String email, @Context ContainerRequestContext request) {
        return reset.request(email, ClientAddress.of(request));
    }
}
