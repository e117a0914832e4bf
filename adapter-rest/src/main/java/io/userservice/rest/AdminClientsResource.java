package io.userservice.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.OidcClient;
import io.userservice.core.port.in.ManageClientsUseCase;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/** The registry of OpenID Connect clients, for holders of role admin. */
@Path("/admin/clients")
@BearerAuth
@Produces(MediaType.APPLICATION_JSON)
public final class AdminClientsResource {

    private final ManageClientsUseCase clients;

    AdminClientsResource(ManageClientsUseCase clients) {
        this.clients = clients;
    }

    record NewClient(String name, List<String> redirectUris, List<String> postLogoutRedirectUris,
                     Set<String> grantTypes, @JsonProperty("public") Boolean publicClient, Boolean requireConsent,
                     Set<String> scopes, String accessTokenLifetime, String refreshTokenLifetime) {
    }

    record ClientChange(String name, List<String> redirectUris, List<String> postLogoutRedirectUris,
                        Set<String> grantTypes, Boolean requireConsent, Set<String> scopes,
                        String accessTokenLifetime, String refreshTokenLifetime) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Secret(String clientId, String clientSecret) {
    }

    record ClientJson(String clientId, String name, List<String> redirectUris, List<String> postLogoutRedirectUris,
                      List<String> grantTypes, List<String> scopes, @JsonProperty("public") boolean publicClient,
                      boolean requireConsent, String accessTokenLifetime, String refreshTokenLifetime,
                      String createdAt) {
        static ClientJson of(OidcClient c) {
            return new ClientJson(c.clientId(), c.name(), c.redirectUris(), c.postLogoutRedirectUris(),
                    c.grantTypes().stream().sorted().toList(), c.scopes().stream().sorted().toList(), c.publicClient(),
                    c.requireConsent(), c.accessTokenTtl() == null ? null : c.accessTokenTtl().toString(),
                    c.refreshTokenTtl() == null ? null : c.refreshTokenTtl().toString(), c.createdAt().toString());
        }
    }

    record ClientList(String status, List<ClientJson> clients) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(@Context SecurityContext caller, @Context ContainerRequestContext request, NewClient body) {
        ApiErrors.requireBody(body);
        ManageClientsUseCase.RegisteredClient registered = clients.register(new ManageClientsUseCase.RegisterCommand(
                BearerAuthFilter.caller(caller), body.name(), body.redirectUris(), body.postLogoutRedirectUris(),
                body.grantTypes(), Boolean.TRUE.equals(body.publicClient()), Boolean.TRUE.equals(body.requireConsent()),
                ClientAddress.of(request), body.scopes(), lifetime("accessTokenLifetime", body.accessTokenLifetime()),
                lifetime("refreshTokenLifetime", body.refreshTokenLifetime())));
        return Response.status(201)
                .entity(new Secret(registered.client().clientId(), registered.clientSecret())).build();
    }

    @GET
    public ClientList list(@Context SecurityContext caller) {
        return new ClientList("success", clients.list(BearerAuthFilter.caller(caller)).stream()
                .map(ClientJson::of).toList());
    }

    @GET
    @Path("/{id}")
    public ClientJson get(@Context SecurityContext caller, @PathParam("id") String clientId) {
        return ClientJson.of(clients.get(BearerAuthFilter.caller(caller), clientId));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ClientJson update(@Context SecurityContext caller, @Context ContainerRequestContext request,
                             @PathParam("id") String clientId, ClientChange body) {
        ApiErrors.requireBody(body);
        return ClientJson.of(clients.update(new ManageClientsUseCase.UpdateCommand(BearerAuthFilter.caller(caller),
                clientId, body.name(), body.redirectUris(), body.postLogoutRedirectUris(), body.grantTypes(),
                body.requireConsent(), ClientAddress.of(request), body.scopes(),
                lifetime("accessTokenLifetime", body.accessTokenLifetime()),
                lifetime("refreshTokenLifetime", body.refreshTokenLifetime()))));
    }

    /** An ISO-8601 duration such as {@code PT5M}, or null for the default. */
    private static Duration lifetime(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("invalid_client_metadata", field,
                    field + " must be an ISO-8601 duration such as PT5M.");
        }
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@Context SecurityContext caller, @Context ContainerRequestContext request,
                           @PathParam("id") String clientId) {
        clients.delete(BearerAuthFilter.caller(caller), clientId, ClientAddress.of(request));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/secret")
    public Secret rotateSecret(@Context SecurityContext caller, @Context ContainerRequestContext request,
                               @PathParam("id") String clientId) {
        ManageClientsUseCase.RegisteredClient rotated = clients.rotateSecret(BearerAuthFilter.caller(caller), clientId,
                ClientAddress.of(request));
        return new Secret(rotated.client().clientId(), rotated.clientSecret());
    }
}
