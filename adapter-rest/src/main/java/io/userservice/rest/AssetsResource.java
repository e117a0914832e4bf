package io.userservice.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * The pages' stylesheet, under a name that changes with its content, so browsers keep it for a
 * year and fetch the new one after any change (of the service or of the operator's theme); and the
 * passkey script of the pages that offer passkeys.
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
        if (PasskeyScript.NAME.equals(name)) {
            // a fixed name, so browsers ask again after a while rather than keep an old script
            return Response.ok(PasskeyScript.text(), "text/javascript; charset=UTF-8")
                    .header("Cache-Control", "public, max-age=300")
                    .header("X-Content-Type-Options", "nosniff")
                    .build();
        }
        if (!pages.stylesheetName().equals(name)) {
            return ErrorBody.response(404, "not_found", "There is no such asset.").build();
        }
        return Response.ok(pages.stylesheet(), "text/css; charset=UTF-8")
                .header("Cache-Control", IMMUTABLE)
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
