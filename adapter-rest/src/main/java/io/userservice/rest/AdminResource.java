package io.userservice.rest;

import io.userservice.core.port.in.ListAuditEventsUseCase;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.DeactivateUserUseCase;
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

/**
 * Administration under the native API: roles, deactivation and the audit trail, for holders of
 * role admin.
 */
@Path("/admin")
@BearerAuth
@Produces(MediaType.APPLICATION_JSON)
public final class AdminResource {

    private final DeactivateUserUseCase deactivateUser;
    private final ListAuditEventsUseCase auditEvents;
    private final ChangeRoleUseCase changeRole;

    AdminResource(DeactivateUserUseCase deactivateUser, ListAuditEventsUseCase auditEvents, ChangeRoleUseCase changeRole) {
        this.deactivateUser = deactivateUser;
        this.auditEvents = auditEvents;
        this.changeRole = changeRole;
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

    record AuditJson(long id, String at, String action, Long actorId, Long subjectId, String clientAddress,
                     String outcome, String detail, String requestId) {
        static AuditJson of(AuditEntry entry) {
            AuditEvent e = entry.event();
            return new AuditJson(entry.id(), e.at().toString(), e.action(), e.actorId(), e.subjectId(),
                    e.clientAddress(), e.outcome(), e.detail(), e.requestId());
        }
    }

    /** A page of events, newest first; {@code next} is the {@code before} of the following page, or null. */
    record AuditPage(String status, int limit, Long before, Long next, List<AuditJson> events) {
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
        return UserState.of(deactivateUser.setActive(new DeactivateUserUseCase.Command(
                BearerAuthFilter.caller(caller), userId, active, ClientAddress.of(request))));
    }

    @GET
    @Path("/audit")
    public AuditPage audit(@Context SecurityContext caller, @QueryParam("limit") @DefaultValue("50") String limit,
                           @QueryParam("before") String before) {
        int pageSize = (int) number("limit", limit);
        Long cursor = before == null || before.isBlank() ? null : number("before", before);
        List<AuditJson> events = auditEvents.list(new ListAuditEventsUseCase.Command(BearerAuthFilter.caller(caller), cursor, pageSize)).stream()
                .map(AuditJson::of).toList();
        Long next = events.size() < pageSize ? null : events.get(events.size() - 1).id();
        return new AuditPage("success", pageSize, cursor, next, events);
    }

    private static long number(String name, String text) {
        try {
            long value = Long.parseLong(text.strip());
            if (name.equals("limit") && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("invalid_page", name, name + " must be a whole number.");
        }
    }

    private UserWithRoles change(SecurityContext caller, ContainerRequestContext request, long userId, String role,
                                 boolean grant) {
        User user = changeRole.change(new ChangeRoleUseCase.Command(BearerAuthFilter.caller(caller), userId,
                new Role(role), grant, ClientAddress.of(request)));
        return UserWithRoles.of(user);
    }
}
