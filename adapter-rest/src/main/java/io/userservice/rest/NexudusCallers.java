package io.userservice.rest;

import io.userservice.core.port.in.AuthenticateUseCase;
import io.userservice.core.port.in.VerifyCredentialsUseCase;
import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.domain.AuthenticationException;
import io.userservice.core.domain.SecondFactorRequiredException;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.EmailNotConfirmedException;
import io.userservice.core.domain.User;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Who is calling the Nexudus-compatible API: {@code Authorization: Basic} with email and password
 * (checked exactly like a sign-in) or {@code Authorization: Bearer} with an access token. Anything
 * missing or malformed is a 401 with the Nexudus envelope, never a server error.
 */
final class NexudusCallers {

    /**
     * The authenticated caller: who they are (with the actor of a token minted on their behalf),
     * the credential epoch their credential was granted at, and when the presented token expires
     * (null for a password), and whether it was issued to an OpenID Connect client.
     */
    record Authenticated(Caller caller, long epoch, Instant expiresAt, boolean clientToken) {
        Authenticated(Caller caller, long epoch, Instant expiresAt) {
            this(caller, epoch, expiresAt, false);
        }

        long userId() {
            return caller.userId();
        }
    }

    private static final int MAX_HEADER_LENGTH = 8192;

    private final AuthenticateUseCase authenticate;
    private final VerifyCredentialsUseCase verifyCredentials;

    NexudusCallers(AuthenticateUseCase authenticate, VerifyCredentialsUseCase verifyCredentials) {
        this.authenticate = authenticate;
        this.verifyCredentials = verifyCredentials;
    }

    Authenticated require(String authorization, io.userservice.core.domain.ClientAddress clientAddress) {
        if (authorization == null || authorization.length() > MAX_HEADER_LENGTH) {
            throw unauthenticated();
        }
        String header = authorization.strip();
        try {
            if (startsWithIgnoreCase(header, "Bearer ")) {
                AccessTokenClaims claims = authenticate.authenticate(header.substring(7).strip());
                return new Authenticated(Caller.of(claims), claims.epoch(), claims.expiresAt(), claims.isForClient());
            }
            if (startsWithIgnoreCase(header, "Basic ")) {
                String[] credentials = decodeBasic(header.substring(6).strip());
                User user = verifyCredentials.verify(new VerifyCredentialsUseCase.Command(credentials[0], credentials[1], clientAddress));
                return new Authenticated(Caller.user(user.id()), user.credentialEpoch(), null);
            }
        } catch (SecondFactorRequiredException e) {
            throw unauthenticated(e.getMessage());
        } catch (AuthenticationException | EmailNotConfirmedException e) {
            throw unauthenticated();
        }
        throw unauthenticated();
    }

    private static String[] decodeBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw unauthenticated();
            }
            return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException notBase64) {
            throw unauthenticated();
        }
    }

    private static boolean startsWithIgnoreCase(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    static WebApplicationException unauthenticated() {
        return unauthenticated("Authentication is required: use Basic (email and password) or a Bearer token.");
    }

    /** A 401 in the envelope, with this message (a password alone does not sign in an account with two-factor on). */
    static WebApplicationException unauthenticated(String message) {
        return new WebApplicationException(Response.status(401)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"user-service\", charset=\"UTF-8\"")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(Envelope.failure(401, message))
                .build());
    }
}
