package io.userservice.rest;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * {@code GET /docs}: the API reference, Swagger UI from its webjar on this origin, reading
 * {@code /openapi.json}. Its own Content-Security-Policy allows scripts and styles from this
 * origin only (Swagger UI sets inline style attributes, so styles also allow those; scripts never
 * run inline: the page starts Swagger UI from {@code /docs/docs-init.js}).
 */
@Path("/docs")
@Hidden
public final class DocsResource {

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String CACHED = "public, max-age=3600";
    /** The files the page loads, and their types; nothing else of the webjar is served. */
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=UTF-8",
            "swagger-ui-bundle.js", "text/javascript; charset=UTF-8",
            "docs-init.js", "text/javascript; charset=UTF-8");
    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>User Service API</title>
            <link rel="stylesheet" href="/docs/swagger-ui.css">
            </head>
            <body>
            <div id="swagger-ui"></div>
            <script src="/docs/swagger-ui-bundle.js"></script>
            <script src="/docs/docs-init.js"></script>
            </body>
            </html>
            """;

    private final String webjarRoot = WEBJAR + webjarVersion() + "/";

    @GET
    public Response page() {
        return Response.ok(PAGE, "text/html; charset=UTF-8")
                .header("Content-Security-Policy", POLICY)
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    @GET
    @Path("/{name}")
    public Response asset(@PathParam("name") String name) {
        String type = ASSETS.get(name);
        if (type == null) {
            return ErrorBody.response(404, "not_found", "There is no such file.").build();
        }
        String resource = name.equals("docs-init.js") ? "io/userservice/rest/docs/" + name : webjarRoot + name;
        InputStream in = DocsResource.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            return ErrorBody.response(404, "not_found", "There is no such file.").build();
        }
        return Response.ok(in, type)
                .header("Cache-Control", CACHED)
                .header("Content-Security-Policy", POLICY)
                .build();
    }

    /** The version of the Swagger UI webjar on the class path, from its Maven metadata. */
    private static String webjarVersion() {
        try (InputStream in = DocsResource.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is not on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
