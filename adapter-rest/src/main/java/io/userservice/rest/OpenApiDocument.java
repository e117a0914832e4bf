package io.userservice.rest;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * The OpenAPI 3.1 document of the HTTP surfaces, generated from the JAX-RS resources by
 * swagger-core, with what introspection cannot see added from the code: the Bearer requirement of
 * every {@link BearerAuth} resource (read from Jersey's model of the same classes), the security
 * schemes, and the error shape as every operation's 4XX answer. Methods that also take Basic
 * authentication say so with swagger's own annotations.
 */
final class OpenApiDocument {

    static final String BEARER = "bearer";
    static final String BASIC = "basic";
    static final String CLIENT = "client";
    private static final String ERROR = "Error";

    private OpenApiDocument() {
    }

    /** The document as JSON, for the resources of these classes, served from {@code publicUrl}. */
    static String json(List<Class<?>> resources, String publicUrl) {
        return Json31.pretty(generate(resources, publicUrl));
    }

    static OpenAPI generate(List<Class<?>> resources, String publicUrl) {
        OpenAPI base = new OpenAPI()
                .info(new Info().title("User Service").version("1")
                        .description("The native, administration, Nexudus-compatible and portal surfaces of the"
                                + " User Service. Errors of the native API share one shape (Error)."))
                .servers(List.of(new Server().url(publicUrl)))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("An access token (RS256 JWT, typ at+jwt) from /auth/login. One issued to an"
                                        + " OpenID Connect client (it carries client_id) reaches only GET /user here;"
                                        + " every other route answers 403 insufficient_scope."))
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("Email and password, checked like a sign-in."))
                        .addSecuritySchemes(CLIENT, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("OpenID Connect client authentication:"
                                        + " client_secret_basic (this header), or client_secret_post (client_id and"
                                        + " client_secret in the form); a public client sends only client_id and"
                                        + " proves the code with PKCE.")));
        SwaggerConfiguration config = new SwaggerConfiguration().openAPI(base).openAPI31(true)
                .readAllResources(true).sortOutput(true);
        Reader reader = new Reader(config);
        OpenAPI api = reader.read(new LinkedHashSet<>(resources));
        addErrorShape(api);
        declarePathParameters(api);
        requireBearer(api, resources);
        return api;
    }

    private static void addErrorShape(OpenAPI api) {
        Map<String, Schema> schemas = ModelConverters.getInstance(true).readAll(ErrorBody.class);
        schemas.forEach(api.getComponents()::addSchemas);
        Schema<?> error = new Schema<>().$ref("#/components/schemas/" + ErrorBody.class.getSimpleName());
        ApiResponse answer = new ApiResponse().description(ERROR + ": {\"status\":\"error\",\"error\":{\"code\","
                + "\"message\",\"field\"}}").content(new Content().addMediaType("application/json",
                new MediaType().schema(error)));
        api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            if (!responses.containsKey("4XX")) {
                responses.addApiResponse("4XX", answer);
            }
            operation.setResponses(responses);
        }));
    }

    /**
     * A template variable a method does not bind itself (the {@code {lang}} of a resource's path
     * that only some methods read) is still part of the route: declared as a required string.
     */
    private static void declarePathParameters(OpenAPI api) {
        api.getPaths().forEach((path, item) -> {
            java.util.regex.Matcher variables = java.util.regex.Pattern.compile("\\{([^}/]+)}").matcher(path);
            while (variables.find()) {
                String name = variables.group(1);
                item.readOperations().forEach(operation -> {
                    boolean declared = operation.getParameters() != null && operation.getParameters().stream()
                            .anyMatch(p -> "path".equals(p.getIn()) && name.equals(p.getName()));
                    if (!declared) {
                        operation.addParametersItem(new io.swagger.v3.oas.models.parameters.PathParameter()
                                .name(name).required(true).schema(new Schema<String>().type("string")));
                    }
                });
            }
        });
    }

    /** Bearer on every operation of a {@link BearerAuth} resource or method, unless declared otherwise. */
    private static void requireBearer(OpenAPI api, List<Class<?>> resources) {
        for (Class<?> type : resources) {
            Resource resource = Resource.from(type);
            walk(api, resource, "", type.isAnnotationPresent(BearerAuth.class));
        }
    }

    private static void walk(OpenAPI api, Resource resource, String prefix, boolean bearer) {
        String path = join(prefix, resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            boolean secured = bearer || method.getInvocable().getHandlingMethod().isAnnotationPresent(BearerAuth.class);
            Operation operation = operation(api.getPaths().get(template(path)), method.getHttpMethod());
            if (secured && operation != null && operation.getSecurity() == null) {
                operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
            }
        }
        for (Resource child : resource.getChildResources()) {
            walk(api, child, path, bearer);
        }
    }

    static String join(String prefix, String path) {
        String joined = (prefix == null ? "" : prefix) + "/" + (path == null ? "" : path);
        String normalized = joined.replaceAll("/+", "/");
        return normalized.length() > 1 && normalized.endsWith("/") ? normalized.substring(0, normalized.length() - 1)
                : normalized;
    }

    /** A JAX-RS path template as OpenAPI writes it: {@code {lang: [a-z]+}} becomes {@code {lang}}. */
    static String template(String path) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        boolean skipping = false;
        for (char c : path.toCharArray()) {
            if (c == '{') {
                depth++;
                if (depth == 1) {
                    out.append(c);
                    skipping = false;
                    continue;
                }
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    out.append(c);
                    skipping = false;
                    continue;
                }
            } else if (c == ':' && depth == 1) {
                skipping = true;
            }
            if (!skipping && !(depth == 1 && Character.isWhitespace(c))) {
                out.append(c);
            }
        }
        return out.toString();
    }

    static Operation operation(PathItem item, String httpMethod) {
        if (item == null) {
            return null;
        }
        return switch (httpMethod) {
            case "GET" -> item.getGet();
            case "POST" -> item.getPost();
            case "PUT" -> item.getPut();
            case "PATCH" -> item.getPatch();
            case "DELETE" -> item.getDelete();
            case "HEAD" -> item.getHead();
            case "OPTIONS" -> item.getOptions();
            default -> null;
        };
    }

    /** The methods and template paths of the resources as Jersey models them, for checks of the document. */
    static Set<String> routes(List<Class<?>> resources) {
        Set<String> routes = new LinkedHashSet<>();
        for (Class<?> type : resources) {
            collect(Resource.from(type), "", routes);
        }
        return routes;
    }

    private static void collect(Resource resource, String prefix, Set<String> routes) {
        String path = join(prefix, resource.getPath());
        resource.getResourceMethods().forEach(m -> routes.add(m.getHttpMethod() + " " + template(path)));
        resource.getChildResources().forEach(child -> collect(child, path, routes));
    }
}
