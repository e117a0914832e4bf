package io.userservice.rest;

import io.userservice.core.port.in.SignInWithPasskeyUseCase;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Sign-in with a passkey: the request options, then the assertion for the usual token pair. */
@Path("/auth/passkey")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class PasskeySignInResource {

    private final SignInWithPasskeyUseCase signIn;
    private final Clock clock;

    PasskeySignInResource(SignInWithPasskeyUseCase signIn, Clock clock) {
        this.signIn = signIn;
        this.clock = clock;
    }

    /** The body, and its {@code email}, are optional: the answer has the same shape either way. */
    @POST
    @Path("/options")
    public PasskeyJson.RequestOptions options(PasskeyJson.SignInOptionsRequest body,
                                              @Context ContainerRequestContext request) {
        return PasskeyJson.RequestOptions.of(signIn.options(new SignInWithPasskeyUseCase.OptionsCommand(
                body == null ? null : body.email(), ClientAddress.of(request))));
    }

    @POST
    public Bodies.TokenResult signIn(PasskeyJson.Assertion body, @Context ContainerRequestContext request) {
        ApiErrors.requireBody(body);
        SignInWithPasskeyUseCase.Result result = signIn.logIn(new SignInWithPasskeyUseCase.Command(
                PasskeyJson.text(body.credential()), AccountResource.client(request)));
        long expiresIn = Math.max(0, Duration.between(Instant.now(clock),
                result.tokens().accessTokenExpiresAt()).toSeconds());
        return new Bodies.TokenResult("success", UserJson.of(result.user()), result.tokens().accessToken(),
                result.tokens().refreshToken(), "Bearer", expiresIn, null);
    }
}
