package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.service.UserServiceCore;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ExtendedResourceContext;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /openapi.json} against the routes Jersey really serves: neither may have a route the
 * other lacks (the document itself and its reader, {@code @Hidden}, excepted); and the document
 * passes a standard OpenAPI validator.
 */
class OpenApiTest {

    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final RestFixture api = new RestFixture();

    @AfterEach
    void stop() {
        api.close();
    }

    /** Every method and path template of the resources the feature registers, from Jersey's own model. */
    private static Set<String> servedRoutes() {
        UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults(), InMemoryUserDirectory::new,
                InMemoryServiceState.create(), new RecordingUserNotifier()).bcryptCost(4).build();
        ApplicationHandler handler = new ApplicationHandler(new ResourceConfig().register(new UserServiceRestFeature(
                core, () -> true, UserServiceRestFeature.DEFAULT_MAX_BODY_BYTES, "https://id.example.com",
                Clock.systemUTC())));
        Set<String> routes = new TreeSet<>();
        for (Resource resource : handler.getInjectionManager().getInstance(ExtendedResourceContext.class)
                .getResourceModel().getRootResources()) {
            collect(resource, "", routes);
        }
        return routes;
    }

    private static void collect(Resource resource, String prefix, Set<String> routes) {
        String path = OpenApiDocument.join(prefix, resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            Class<?> owner = method.getInvocable().getHandlingMethod().getDeclaringClass();
            if (HTTP_METHODS.contains(method.getHttpMethod()) && owner.getPackageName().startsWith("io.userservice")
                    && !owner.isAnnotationPresent(io.swagger.v3.oas.annotations.Hidden.class)) {
                routes.add(method.getHttpMethod() + " " + OpenApiDocument.template(path));
            }
        }
        resource.getChildResources().forEach(child -> collect(child, path, routes));
    }

    private Set<String> documentedRoutes(JsonNode document) {
        Set<String> routes = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (HTTP_METHODS.contains(method.toUpperCase(java.util.Locale.ROOT))) {
                    routes.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        return routes;
    }

    @Test
    void everyServedRouteIsDocumentedAndEveryDocumentedRouteIsServed() {
        RestFixture.Reply reply = api.get("/openapi.json");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        Set<String> served = servedRoutes();
        assertThat(served).contains("POST /admin/webhooks", "GET /user", "POST /auth/login",
                "GET /api/sys/users/{id}/token/refresh", "GET /{lang}/user/me");
        assertThat(documentedRoutes(reply.json())).isEqualTo(served);
    }

    @Test
    void theDocumentIsValidOpenApi31WithSecurityAndErrors() {
        String json = api.get("/openapi.json").body();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.1");

        JsonNode document = api.get("/openapi.json").json();
        assertThat(document.path("components").path("securitySchemes").path("bearer").path("scheme").asText())
                .isEqualTo("bearer");
        assertThat(document.path("components").path("securitySchemes").path("basic").path("scheme").asText())
                .isEqualTo("basic");
        JsonNode webhooks = document.path("paths").path("/admin/webhooks").path("post");
        assertThat(webhooks.path("security").toString()).isEqualTo("[{\"bearer\":[]}]");
        assertThat(webhooks.path("requestBody").path("content").path("application/json").isMissingNode()).isFalse();
        assertThat(document.path("paths").path("/user").path("get").path("security").toString())
                .isEqualTo("[{\"bearer\":[]}]");
        assertThat(document.path("paths").path("/api/sys/users/{id}/token/refresh").path("get").path("security")
                .toString()).isEqualTo("[{\"basic\":[]},{\"bearer\":[]}]");
        assertThat(document.path("paths").path("/auth/login").path("post").has("security")).isFalse();
        assertThat(document.path("paths").path("/auth/login").path("post").path("responses").path("4XX")
                .path("content").path("application/json").path("schema").path("$ref").asText())
                .isEqualTo("#/components/schemas/ErrorBody");
        assertThat(document.path("components").path("schemas").path("ErrorBody").path("properties").has("error"))
                .isTrue();
        assertThat(document.path("paths").has("/openapi.json")).isFalse();
        assertThat(document.path("components").path("securitySchemes").has("client")).isTrue();
        assertThat(document.path("paths").path(OidcResource.ROOT + "/token").path("post").path("security").toString())
                .isEqualTo("[{\"client\":[]}]");
        // answers built as a Response are described by the annotations next to them
        assertThat(document.path("paths").path("/users").path("post").path("responses").path("201").path("content")
                .path("application/json").path("schema").path("$ref").asText()).endsWith("/UserResult");
        assertThat(document.path("paths").path("/admin/webhooks").path("post").path("responses").path("201")
                .path("content").path("application/json").path("schema").path("$ref").asText()).endsWith("/Created");
        assertThat(document.path("paths").path("/auth/logout").path("post").path("responses").has("204")).isTrue();
        assertThat(document.path("components").path("schemas").path("Created").path("properties").has("secret"))
                .isTrue();
    }
}
