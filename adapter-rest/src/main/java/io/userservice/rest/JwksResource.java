package io.userservice.rest;

import io.userservice.core.port.in.PublishKeysUseCase;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The public keys that verify access tokens (RFC 7517 key set). */
@Path("/.well-known/jwks.json")
public final class JwksResource {

    private final PublishKeysUseCase publishKeys;

    JwksResource(PublishKeysUseCase publishKeys) {
        this.publishKeys = publishKeys;
    }

    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "the public signing keys as a JSON Web Key Set (RFC 7517)",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Object.class)))
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response keys() {
        return Response.ok(publishKeys.publicKeySetJson())
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300")
                .build();
    }
}
