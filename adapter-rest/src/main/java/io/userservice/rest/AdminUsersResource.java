package io.userservice.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.DeleteAccountUseCase;
import io.userservice.core.port.in.EndSessionsUseCase;
import io.userservice.core.port.in.GetUserDetailsUseCase;
import io.userservice.core.port.in.ListSessionsUseCase;
import io.userservice.core.port.in.SearchUsersUseCase;
import io.userservice.core.port.in.SendPasswordResetUseCase;
import io.userservice.core.port.in.UpdateUserUseCase;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * User administration for holders of role admin: search with keyset paging, one user's details,
 * corrections, deletion, a password-reset mail, and the user's sessions. Tokens minted on
 * someone's behalf are refused before any of it runs (see {@link BearerAuthFilter}).
 */
@Path("/admin")
@BearerAuth
@Produces(MediaType.APPLICATION_JSON)
public final class AdminUsersResource {

    private static final Set<String> PATCHABLE = Set.of("firstname", "lastname", "language", "confirmed", "email");

    private final SearchUsersUseCase searchUsers;
    private final GetUserDetailsUseCase userDetails;
    private final UpdateUserUseCase updateUser;
    private final DeleteAccountUseCase deleteAccount;
    private final SendPasswordResetUseCase sendPasswordReset;
    private final ListSessionsUseCase listSessions;
    private final EndSessionsUseCase endSessions;

    AdminUsersResource(SearchUsersUseCase searchUsers, GetUserDetailsUseCase userDetails, UpdateUserUseCase updateUser,
                       DeleteAccountUseCase deleteAccount, SendPasswordResetUseCase sendPasswordReset,
                       ListSessionsUseCase listSessions, EndSessionsUseCase endSessions) {
        this.searchUsers = searchUsers;
        this.userDetails = userDetails;
        this.updateUser = updateUser;
        this.deleteAccount = deleteAccount;
        this.sendPasswordReset = sendPasswordReset;
        this.listSessions = listSessions;
        this.endSessions = endSessions;
    }

    @JsonPropertyOrder({"status", "users", "next"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record UsersPage(String status, List<UserJson> users, String next) {
    }

    @JsonPropertyOrder({"status", "user", "roles", "attributes", "deactivated", "createdAt", "lastSignInAt"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record UserDetailsJson(String status, UserJson user, List<String> roles, Map<String, String> attributes,
                           boolean deactivated, String createdAt, String lastSignInAt) {
    }

    @GET
    @Path("/users")
    public UsersPage search(@Context SecurityContext caller, @QueryParam("query") String query,
                            @QueryParam("limit") @DefaultValue("50") String limit,
                            @QueryParam("cursor") String cursor) {
        SearchUsersUseCase.Page page = searchUsers.search(new SearchUsersUseCase.Command(
                BearerAuthFilter.caller(caller), query, limit(limit), cursor));
        return new UsersPage("success", page.users().stream().map(UserJson::of).toList(), page.next());
    }

    @GET
    @Path("/users/{id}")
    public UserDetailsJson details(@Context SecurityContext caller, @PathParam("id") String id) {
        GetUserDetailsUseCase.UserDetails details = userDetails.details(BearerAuthFilter.caller(caller), id(id));
        User user = details.user();
        return new UserDetailsJson("success", UserJson.of(user), user.roleNames(), details.attributes(),
                user.deactivated(), user.createdAt() == null ? null : user.createdAt().toString(),
                details.lastSignInAt() == null ? null : details.lastSignInAt().toString());
    }

    @PATCH
    @Path("/users/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Bodies.UserResult update(@Context SecurityContext caller, @Context ContainerRequestContext request,
                                    @PathParam("id") String id, JsonNode body) {
        ApiErrors.requireBody(body);
        UpdateUserUseCase.Patch patch = patch(body);
        return Bodies.UserResult.success(UserJson.of(updateUser.update(new UpdateUserUseCase.Command(
                BearerAuthFilter.caller(caller), id(id), patch, ClientAddress.of(request)))));
    }

    @DELETE
    @Path("/users/{id}")
    public Response delete(@Context SecurityContext caller, @Context ContainerRequestContext request,
                           @PathParam("id") String id) {
        deleteAccount.delete(new DeleteAccountUseCase.Command(BearerAuthFilter.caller(caller), id(id), null,
                ClientAddress.of(request)));
        return Response.noContent().build();
    }

    @POST
    @Path("/users/{id}/password-reset")
    public Response passwordReset(@Context SecurityContext caller, @Context ContainerRequestContext request,
                                  @PathParam("id") String id) {
        sendPasswordReset.send(BearerAuthFilter.caller(caller), id(id), ClientAddress.of(request));
        return Response.accepted(Map.of("status", "success")).build();
    }

    @GET
    @Path("/users/{id}/sessions")
    public SessionJson.Page sessions(@Context SecurityContext caller, @PathParam("id") String id) {
        return SessionJson.Page.of(listSessions.list(BearerAuthFilter.caller(caller), id(id)));
    }

    @DELETE
    @Path("/users/{id}/sessions")
    public Response endSessions(@Context SecurityContext caller, @Context ContainerRequestContext request,
                                @PathParam("id") String id) {
        Caller who = BearerAuthFilter.caller(caller);
        endSessions.end(new EndSessionsUseCase.Command(who, id(id), null, ClientAddress.of(request)));
        return Response.noContent().build();
    }

    /** The fields of a PATCH body; a field that is not one of them is refused, not ignored. */
    private static UpdateUserUseCase.Patch patch(JsonNode body) {
        if (!body.isObject()) {
            throw new InvalidInputException("invalid_json", null, "The body must be a JSON object.");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PATCHABLE.contains(name)) {
                throw new InvalidInputException("not_patchable", name,
                        name + " cannot be changed here; the fields are " + String.join(", ", PATCHABLE.stream()
                                .sorted().toList()) + ".");
            }
        }
        return new UpdateUserUseCase.Patch(text(body, "firstname"), body.has("firstname"), text(body, "lastname"),
                body.has("lastname"), text(body, "language"), bool(body, "confirmed"), text(body, "email"));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInputException("invalid_json", field, field + " must be text.");
        }
        return value.asText();
    }

    private static Boolean bool(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new InvalidInputException("invalid_json", field, field + " must be true or false.");
        }
        return value.booleanValue();
    }

    private static int limit(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("invalid_page", "limit", "limit must be a whole number from "
                    + SearchUsersUseCase.MIN_LIMIT + " to " + SearchUsersUseCase.MAX_LIMIT + ".");
        }
    }

    private static long id(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new io.userservice.core.domain.NotFoundException("user_not_found", "There is no user with this id.");
        }
    }
}
