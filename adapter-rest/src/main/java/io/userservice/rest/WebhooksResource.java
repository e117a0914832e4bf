package io.userservice.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.WebhookDelivery;
import io.userservice.core.domain.WebhookEndpoint;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.in.AdministerWebhooksUseCase;
import io.userservice.core.port.in.AdministerWebhooksUseCase.Settings;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Comparator;
import java.util.List;

/** The webhook registry under {@code /admin/webhooks}, for holders of role admin. */
@Path("/admin/webhooks")
@BearerAuth
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class WebhooksResource {

    private final AdministerWebhooksUseCase webhooks;

    WebhooksResource(AdministerWebhooksUseCase webhooks) {
        this.webhooks = webhooks;
    }

    /** What an administrator sends; on PATCH an absent field keeps its value. */
    record WebhookBody(String url, List<String> events, String description) {
        Settings settings() {
            return new Settings(url, events, description);
        }
    }

    @JsonPropertyOrder({"id", "secret"})
    record Created(String id, String secret) {
    }

    @JsonPropertyOrder({"id", "secret", "previousSecretExpiresAt"})
    record Rotated(String id, String secret, String previousSecretExpiresAt) {
    }

    @JsonPropertyOrder({"id", "url", "events", "description", "createdAt", "previousSecretExpiresAt"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WebhookJson(String id, String url, List<String> events, String description, String createdAt,
                       String previousSecretExpiresAt) {
        static WebhookJson of(WebhookEndpoint endpoint) {
            return new WebhookJson(endpoint.id(), endpoint.url(), endpoint.events().stream()
                    .sorted(Comparator.naturalOrder()).map(WebhookEventType::wireName).toList(),
                    endpoint.description(), endpoint.createdAt().toString(),
                    endpoint.previousSecretUntil() == null ? null : endpoint.previousSecretUntil().toString());
        }
    }

    record WebhookList(String status, List<WebhookJson> webhooks) {
    }

    @JsonPropertyOrder({"id", "messageId", "type", "userId", "state", "attempts", "createdAt", "lastAttemptAt",
            "lastStatus", "lastError", "nextAttemptAt", "finishedAt"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DeliveryJson(long id, String messageId, String type, long userId, String state, int attempts,
                        String createdAt, String lastAttemptAt, Integer lastStatus, String lastError,
                        String nextAttemptAt, String finishedAt) {
        static DeliveryJson of(WebhookDelivery d) {
            boolean pending = d.state() == WebhookDelivery.State.PENDING;
            return new DeliveryJson(d.id(), d.event().messageId(), d.event().type().wireName(), d.event().userId(),
                    d.state().name().toLowerCase(java.util.Locale.ROOT), d.attempts(), d.createdAt().toString(),
                    text(d.lastAttemptAt()), d.lastStatus(), d.lastError(),
                    pending ? text(d.nextAttemptAt()) : null, text(d.finishedAt()));
        }

        private static String text(java.time.Instant instant) {
            return instant == null ? null : instant.toString();
        }
    }

    record DeliveryList(String status, List<DeliveryJson> deliveries) {
    }

    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "the new receiver's id and its secret, shown this once",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Created.class)))
    @POST
    public Response create(@Context SecurityContext caller, @Context ContainerRequestContext request,
                           WebhookBody body) {
        ApiErrors.requireBody(body);
        AdministerWebhooksUseCase.WithSecret created = webhooks.create(BearerAuthFilter.caller(caller),
                body.settings(), ClientAddress.of(request));
        return Response.status(201).entity(new Created(created.endpoint().id(), created.secret())).build();
    }

    @GET
    public WebhookList list(@Context SecurityContext caller) {
        return new WebhookList("success", webhooks.list(BearerAuthFilter.caller(caller)).stream()
                .map(WebhookJson::of).toList());
    }

    @GET
    @Path("/{id}")
    public WebhookJson get(@Context SecurityContext caller, @PathParam("id") String id) {
        return WebhookJson.of(webhooks.get(BearerAuthFilter.caller(caller), id));
    }

    @PATCH
    @Path("/{id}")
    public WebhookJson update(@Context SecurityContext caller, @Context ContainerRequestContext request,
                              @PathParam("id") String id, WebhookBody body) {
        ApiErrors.requireBody(body);
        return WebhookJson.of(webhooks.update(BearerAuthFilter.caller(caller), id, body.settings(),
                ClientAddress.of(request)));
    }

    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "204", description = "deleted, with its pending deliveries")
    @DELETE
    @Path("/{id}")
    public Response delete(@Context SecurityContext caller, @Context ContainerRequestContext request,
                           @PathParam("id") String id) {
        webhooks.delete(BearerAuthFilter.caller(caller), id, ClientAddress.of(request));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/secret")
    public Rotated rotateSecret(@Context SecurityContext caller, @Context ContainerRequestContext request,
                                @PathParam("id") String id) {
        AdministerWebhooksUseCase.WithSecret rotated = webhooks.rotateSecret(BearerAuthFilter.caller(caller), id,
                ClientAddress.of(request));
        return new Rotated(id, rotated.secret(), rotated.endpoint().previousSecretUntil().toString());
    }

    @GET
    @Path("/{id}/deliveries")
    public DeliveryList deliveries(@Context SecurityContext caller, @PathParam("id") String id,
                                   @QueryParam("limit") @DefaultValue("50") String limit) {
        int pageSize;
        try {
            pageSize = Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("invalid_page", "limit", "limit must be a whole number.");
        }
        return new DeliveryList("success", webhooks.deliveries(BearerAuthFilter.caller(caller), id, pageSize).stream()
                .map(DeliveryJson::of).toList());
    }
}
