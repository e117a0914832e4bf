package io.userservice.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.BooleanSupplier;

@Path("/health")
public final class HealthResource {

    private final BooleanSupplier storeIsReady;

    HealthResource(BooleanSupplier storeIsReady) {
        this.storeIsReady = storeIsReady;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String alive() {
        return "all good";
    }

    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "the store answers",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Bodies.Ready.class)))
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "503", description = "the store does not answer",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ErrorBody.class)))
    @GET
    @Path("/ready")
    @Produces(MediaType.APPLICATION_JSON)
    public Response ready() {
        if (storeIsReady.getAsBoolean()) {
            return Response.ok(new Bodies.Ready("ready")).build();
        }
        return ErrorBody.response(503, "store_unavailable", "The user store does not answer.").build();
    }
}
