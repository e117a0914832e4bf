package io.userservice.rest;

import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.DeactivateUserUseCase;
import io.userservice.core.service.UserServiceCore;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;

/**
 * Administration under the native API: roles, deactivation and the audit trail, for holders of
 * role admin.
 */
@Path("/admin")
@BearerAuth
@Produces(MediaType.APPLICATION_JSON)
public final class AdminResource {

    private final UserServiceCore core;

    AdminResource(UserServiceCore core) {
        this.core = core;
    }

    record UserWithRoles(String status, UserJson user, List<String> roles) {
        static UserWithRoles of(User user) {
            return new UserWithRoles("success", UserJson.of(user), user.roleNames());
        }
    }

    record UserState(String status, UserJson user, boolean deactivated) {
        static UserState of(User user) {
            return new UserState("success", UserJson.of(user), user.deactivated());
        }
    }

    record AuditJson(String at, String action, Long actorId, Long subjectId, String clientAddress, String outcome,
                     String detail) {
        static AuditJson of(AuditEvent e) {
            return new AuditJson(e.at().toString(), e.action(), e.actorId(), e.subjectId(), e.clientAddress(), e.outcome(),
                    e.detail());
        }
    }

    @PUT
    @Path("/users/{id}/roles/{role}")
    public UserWithRoles grant(@Context SecurityContext caller, @Context ContainerRequestContext request,
                               @PathParam("id") long userId, @PathParam("role") String role) {
        return change(caller, request, userId, role, true);
    }

    @DELETE
    @Path("/users/{id}/roles/{role}")
    public UserWithRoles revoke(@Context SecurityContext caller, @Context ContainerRequestContext request,
                                @PathParam("id") long userId, @PathParam("role") String role) {
        return change(caller, request, userId, role, false);
    }

    @POST
    @Path("/users/{id}/deactivate")
    public UserState deactivate(@Context SecurityContext caller, @Context ContainerRequestContext request,
                                @PathParam("id") long userId) {
        return setActive(caller, request, userId, false);
    }

    @POST
    @Path("/users/{id}/activate")
    public UserState activate(@Context SecurityContext caller, @Context ContainerRequestContext request,
                              @PathParam("id") long userId) {
        return setActive(caller, request, userId, true);
    }

    private UserState setActive(SecurityContext caller, ContainerRequestContext request, long userId,
                                boolean active) {
        return UserState.of(core.deactivateUser().setActive(new DeactivateUserUseCase.Command(
                BearerAuthFilter.userId(caller), userId, active, ClientAddress.of(request))));
    }

    @GET
    @Path("/audit")
    public Map<String, Object> audit(@Context SecurityContext caller,
                                     @QueryParam("offset") @DefaultValue("0") int offset,
                                     @QueryParam("limit") @DefaultValue("50") int limit) {
        List<AuditJson> events = core.auditEvents().list(BearerAuthFilter.userId(caller), offset, limit).stream()
                .map(AuditJson::of).toList();
        return Map.of("status", "success", "offset", offset, "limit", limit, "events", events);
    }

    private UserWithRoles change(SecurityContext caller, ContainerRequestContext request, long userId, String role,
                                 boolean grant) {
        User user = core.changeRole().change(new ChangeRoleUseCase.Command(BearerAuthFilter.userId(caller), userId,
                new Role(role), grant, ClientAddress.of(request)));
        return UserWithRoles.of(user);
    }
}
