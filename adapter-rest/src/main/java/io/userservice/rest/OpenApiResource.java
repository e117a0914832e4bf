package io.userservice.rest;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /openapi.json}: the OpenAPI 3.1 document, generated once on first request. */
@Path("/openapi.json")
@Hidden
public final class OpenApiResource {

    private final List<Class<?>> resources;
    private final String publicUrl;
    private volatile String document;

    OpenApiResource(List<Class<?>> resources, String publicUrl) {
        this.resources = List.copyOf(resources);
        this.publicUrl = publicUrl;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String document() {
        String generated = document;
        if (generated == null) {
            generated = OpenApiDocument.json(resources, publicUrl);
            document = generated;
        }
        return generated;
    }
}
