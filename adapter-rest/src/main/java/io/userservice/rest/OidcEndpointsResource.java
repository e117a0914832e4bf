package io.userservice.rest;

import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.OAuthException;
import io.userservice.core.port.in.ClientCredentials;
import io.userservice.core.port.in.OidcTokenInfoUseCase;
import io.userservice.core.port.in.OidcTokenUseCase;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenID Connect provider's endpoints for clients: token, userinfo, revocation (RFC 7009)
 * and introspection (RFC 7662). Errors follow RFC 6749 §5.2 ({@code error},
 * {@code error_description}); every answer is {@code no-store}.
 */
@Path(OidcResource.ROOT)
@Produces(MediaType.APPLICATION_JSON)
public final class OidcEndpointsResource {

    private static final String BASIC = "basic ";
    private static final String BEARER = "bearer ";

    private final OidcTokenUseCase tokens;
    private final OidcTokenInfoUseCase info;

    OidcEndpointsResource(OidcTokenUseCase tokens, OidcTokenInfoUseCase info) {
        this.tokens = tokens;
        this.info = info;
    }

    @io.swagger.v3.oas.annotations.security.SecurityRequirement(name = OpenApiDocument.CLIENT)
    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response token(MultivaluedMap<String, String> form, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
                          @Context ContainerRequestContext request) {
        try {
            Map<String, String> params = single(form);
            OidcTokenUseCase.TokenResponse answer = tokens.token(new OidcTokenUseCase.Command(params.get("grant_type"),
                    client(auth, params), params.get("code"), params.get("redirect_uri"), params.get("code_verifier"),
                    params.get("refresh_token"), params.get("scope"), ClientAddress.of(request)));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", answer.accessToken());
            body.put("token_type", "Bearer");
            body.put("expires_in", answer.expiresIn());
            if (answer.refreshToken() != null) {
                body.put("refresh_token", answer.refreshToken());
            }
            if (answer.idToken() != null) {
                body.put("id_token", answer.idToken());
            }
            if (answer.scope() != null) {
                body.put("scope", answer.scope());
            }
            return ok(body);
        } catch (OAuthException e) {
            return error(e);
        }
    }

    @GET
    @Path("/userinfo")
    @io.swagger.v3.oas.annotations.security.SecurityRequirement(name = OpenApiDocument.BEARER)
    public Response userInfoByGet(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
        return userInfo(bearer(auth));
    }

    /** Userinfo by POST with the bearer header and any (or no) body. */
    @io.swagger.v3.oas.annotations.security.SecurityRequirement(name = OpenApiDocument.BEARER)
    @POST
    @Path("/userinfo")
    public Response userInfoByPost(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
        return userInfo(bearer(auth));
    }

    /** Userinfo by POST with the token in the form body (RFC 6750 §2.2), or in the header with an empty form. */
    @POST
    @Path("/userinfo")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response userInfoByForm(MultivaluedMap<String, String> form,
                                   @HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
        try {
            String fromBody = single(form).get("access_token");
            String fromHeader = bearer(auth);
            if (fromHeader != null && fromBody != null) {
                throw OAuthException.invalidRequest("Send the access token in one place only.");
            }
            return userInfo(fromHeader != null ? fromHeader : fromBody);
        } catch (OAuthException e) {
            return error(e);
        }
    }

    private Response userInfo(String token) {
        try {
            if (token == null) {
                throw new InvalidTokenException("A bearer access token is required.");
            }
            return ok(new LinkedHashMap<>(info.userInfo(token)));
        } catch (InvalidTokenException e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "invalid_token");
            body.put("error_description", e.getMessage());
            return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE).entity(body)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
    }

    @io.swagger.v3.oas.annotations.security.SecurityRequirement(name = OpenApiDocument.CLIENT)
    @POST
    @Path("/introspect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response introspect(MultivaluedMap<String, String> form, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
                               @Context ContainerRequestContext request) {
        try {
            Map<String, String> params = single(form);
            requireToken(params);
            return ok(new LinkedHashMap<>(info.introspect(client(auth, params), params.get("token"),
                    params.get("token_type_hint"), ClientAddress.of(request))));
        } catch (OAuthException e) {
            return error(e);
        }
    }

    @io.swagger.v3.oas.annotations.security.SecurityRequirement(name = OpenApiDocument.CLIENT)
    @POST
    @Path("/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(MultivaluedMap<String, String> form, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
                           @Context ContainerRequestContext request) {
        try {
            Map<String, String> params = single(form);
            requireToken(params);
            info.revoke(client(auth, params), params.get("token"), params.get("token_type_hint"),
                    ClientAddress.of(request));
            return Response.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        } catch (OAuthException e) {
            return error(e);
        }
    }

    private static void requireToken(Map<String, String> params) {
        if (params.get("token") == null) {
            throw OAuthException.invalidRequest("token is required.");
        }
    }

    /** RFC 6749 §2.3.1: Basic with the form-encoded id and secret, or both in the body; never both ways. */
    private static ClientCredentials client(String authorization, Map<String, String> params) {
        String bodyId = params.get("client_id");
        String bodySecret = params.get("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            if (bodySecret != null) {
                throw OAuthException.invalidRequest("Use one client authentication method.");
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw OAuthException.invalidClient();
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw OAuthException.invalidClient();
            }
            String id;
            String secret;
            try {
                id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
                secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // RFC 6749 2.3.1: form-urlencoded id and secret; a broken escape is a failed authentication
                throw OAuthException.invalidClient();
            }
            if (bodyId != null && !bodyId.equals(id)) {
                throw OAuthException.invalidRequest("client_id does not match the Authorization header.");
            }
            return new ClientCredentials(id, secret, ClientCredentials.Method.BASIC);
        }
        if (bodyId == null) {
            throw OAuthException.invalidClient();
        }
        return bodySecret != null ? new ClientCredentials(bodyId, bodySecret, ClientCredentials.Method.POST)
                : new ClientCredentials(bodyId, null, ClientCredentials.Method.NONE);
    }

    private static String bearer(String authorization) {
        if (authorization != null && authorization.length() > BEARER.length()
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).strip();
        }
        return null;
    }

    /** Each parameter once (RFC 6749 §3.1): a repeated one is {@code invalid_request}; empty ones count as absent. */
    private static Map<String, String> single(MultivaluedMap<String, String> form) {
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : form.entrySet()) {
            if (entry.getValue().size() > 1) {
                throw OAuthException.invalidRequest("Parameter " + entry.getKey() + " was sent more than once.");
            }
            String value = entry.getValue().isEmpty() ? null : entry.getValue().get(0);
            if (value != null && !value.isEmpty()) {
                params.put(entry.getKey(), value);
            }
        }
        return params;
    }

    private static Response ok(Map<String, Object> body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }

    /** RFC 6749 §5.2: 401 with a challenge for a client that failed to authenticate, else 400. */
    private static Response error(OAuthException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.code());
        body.put("error_description", e.getMessage());
        Response.ResponseBuilder response = Response.status("invalid_client".equals(e.code()) ? 401 : 400)
                .type(MediaType.APPLICATION_JSON_TYPE).entity(body)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache");
        if ("invalid_client".equals(e.code())) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"oidc\"");
        }
        return response.build();
    }
}
