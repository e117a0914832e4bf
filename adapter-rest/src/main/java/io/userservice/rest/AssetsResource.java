package io.userservice.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * The pages' stylesheet, under a name that changes with its content, so browsers keep it for a
 * year and fetch the new one after any change (of the service or of the operator's theme).
 */
@Path("/assets")
public final class AssetsResource {

    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final Pages pages;

    AssetsResource(Pages pages) {
        this.pages = pages;
    }

    @GET
    @Path("/{name}")
    public Response asset(@PathParam("name") String name) {
        if (!pages.stylesheetName().equals(name)) {
            return ErrorBody.response(404, "not_found", "There is no such asset.").build();
        }
        return Response.ok(pages.stylesheet(), "text/css; charset=UTF-8")
                .header("Cache-Control", IMMUTABLE)
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
