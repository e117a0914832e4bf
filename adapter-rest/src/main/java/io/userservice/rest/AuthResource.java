package io.userservice.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.TokenPair;
import io.userservice.core.port.in.CompleteMfaSignInUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.LogOutUseCase;
import io.userservice.core.port.in.RefreshTokensUseCase;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

@Path("/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class AuthResource {

    private final LogInUseCase logIn;
    private final RefreshTokensUseCase refreshTokens;
    private final LogOutUseCase logOut;
    private final CompleteMfaSignInUseCase completeMfaSignIn;
    private final Clock clock;

    AuthResource(LogInUseCase logIn, CompleteMfaSignInUseCase completeMfaSignIn, RefreshTokensUseCase refreshTokens,
                 LogOutUseCase logOut, Clock clock) {
        this.logIn = logIn;
        this.completeMfaSignIn = completeMfaSignIn;
        this.refreshTokens = refreshTokens;
        this.logOut = logOut;
        this.clock = clock;
    }

    @POST
    @Path("/login")
    public Bodies.TokenResult login(Bodies.Login body, @Context ContainerRequestContext request) {
        ApiErrors.requireBody(body);
        LogInUseCase.Result result = logIn.logIn(new LogInUseCase.Command(body.email(), body.password(),
                ClientAddress.of(request), body.deviceToken(), request.getHeaderString(HttpHeaders.USER_AGENT)));
        return tokens(UserJson.of(result.user()), result.tokens(), result.deviceToken());
    }

    /**
     * The second step of a sign-in with two-factor authentication on: one of {@code code},
     * {@code recoveryCode} or {@code webauthn} (the {@code PublicKeyCredential} JSON answering
     * {@code /auth/login/mfa/webauthn/options}).
     */
    record MfaLogin(String mfaToken, String code, String recoveryCode, JsonNode webauthn) {
        @Override
        public String toString() {
            return "MfaLogin[***]";
        }
    }

    @POST
    @Path("/login/mfa")
    public Bodies.TokenResult loginMfa(MfaLogin body, @Context ContainerRequestContext request) {
        ApiErrors.requireBody(body);
        LogInUseCase.Result result = completeMfaSignIn.complete(new CompleteMfaSignInUseCase.Command(body.mfaToken(),
                body.code(), body.recoveryCode(), assertion(body.webauthn()), ClientAddress.of(request),
                request.getHeaderString(HttpHeaders.USER_AGENT)));
        return tokens(UserJson.of(result.user()), result.tokens(), result.deviceToken());
    }

    private static String assertion(JsonNode webauthn) {
        if (webauthn == null || webauthn.isNull()) {
            return null;
        }
        if (!webauthn.isObject()) {
            throw new InvalidInputException("invalid_request", "webauthn", "webauthn must be a PublicKeyCredential object.");
        }
        return PasskeyJson.text(webauthn);
    }

    /** The challenge token of the password step, to answer it with a passkey. */
    record MfaToken(String mfaToken) {
        @Override
        public String toString() {
            return "MfaToken[***]";
        }
    }

    /** WebAuthn request options for answering the challenge with one of the challenged user's passkeys. */
    @POST
    @Path("/login/mfa/webauthn/options")
    public PasskeyJson.RequestOptions loginMfaWebauthnOptions(MfaToken body, @Context ContainerRequestContext request) {
        ApiErrors.requireBody(body);
        return PasskeyJson.RequestOptions.of(completeMfaSignIn.webauthnOptions(
                new CompleteMfaSignInUseCase.OptionsCommand(body.mfaToken(), ClientAddress.of(request))));
    }

    @POST
    @Path("/token")
    public Bodies.TokenResult token(Bodies.RefreshToken body, @Context ContainerRequestContext request) {
        ApiErrors.requireBody(body);
        TokenPair pair = refreshTokens.refresh(new RefreshTokensUseCase.Command(body.refreshToken(),
                ClientAddress.of(request), request.getHeaderString(HttpHeaders.USER_AGENT)));
        return tokens(null, pair, null);
    }

    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "204", description = "signed out (also for an unknown token)")
    @POST
    @Path("/logout")
    public Response logout(Bodies.RefreshToken body, @Context ContainerRequestContext request) {
        ApiErrors.requireBody(body);
        logOut.logOut(new LogOutUseCase.Command(body.refreshToken(), ClientAddress.of(request)));
        return Response.noContent().build();
    }

    private Bodies.TokenResult tokens(UserJson user, TokenPair pair, String deviceToken) {
        long expiresIn = Math.max(0, Duration.between(Instant.now(clock), pair.accessTokenExpiresAt()).toSeconds());
        return new Bodies.TokenResult("success", user, pair.accessToken(), pair.refreshToken(), "Bearer", expiresIn,
                deviceToken);
    }
}
