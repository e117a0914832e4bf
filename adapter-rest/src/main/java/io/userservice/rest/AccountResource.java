package io.userservice.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.SessionClient;
import io.userservice.core.domain.TokenPair;
import io.userservice.core.port.in.ChangeEmailUseCase;
import io.userservice.core.port.in.ChangePasswordUseCase;
import io.userservice.core.port.in.ConfirmEmailChangeUseCase;
import io.userservice.core.port.in.DeleteAccountUseCase;
import io.userservice.core.port.in.EndSessionsUseCase;
import io.userservice.core.port.in.ExportAccountUseCase;
import io.userservice.core.port.in.ListSessionsUseCase;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The signed-in user's account itself: password, email, sessions, export and deletion. Every
 * method acts on the token's user and no other.
 */
@Path("/user")
@BearerAuth
@Produces(MediaType.APPLICATION_JSON)
public final class AccountResource {

    private final ChangePasswordUseCase changePassword;
    private final ChangeEmailUseCase changeEmail;
    private final ConfirmEmailChangeUseCase confirmEmailChange;
    private final ListSessionsUseCase listSessions;
    private final EndSessionsUseCase endSessions;
    private final ExportAccountUseCase exportAccount;
    private final DeleteAccountUseCase deleteAccount;
    private final Clock clock;

    AccountResource(ChangePasswordUseCase changePassword, ChangeEmailUseCase changeEmail,
                    ConfirmEmailChangeUseCase confirmEmailChange, ListSessionsUseCase listSessions,
                    EndSessionsUseCase endSessions, ExportAccountUseCase exportAccount,
                    DeleteAccountUseCase deleteAccount, Clock clock) {
        this.changePassword = changePassword;
        this.changeEmail = changeEmail;
        this.confirmEmailChange = confirmEmailChange;
        this.listSessions = listSessions;
        this.endSessions = endSessions;
        this.exportAccount = exportAccount;
        this.deleteAccount = deleteAccount;
        this.clock = clock;
    }

    @POST
    @Path("/password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Bodies.TokenResult password(@Context SecurityContext caller, @Context ContainerRequestContext request,
                                       Bodies.PasswordChange body) {
        ApiErrors.requireBody(body);
        ChangePasswordUseCase.Result result = changePassword.change(new ChangePasswordUseCase.Command(
                BearerAuthFilter.caller(caller), body.currentPassword(), body.newPassword(), client(request)));
        TokenPair pair = result.tokens();
        long expiresIn = Math.max(0, Duration.between(Instant.now(clock), pair.accessTokenExpiresAt()).toSeconds());
        return new Bodies.TokenResult("success", UserJson.of(result.user()), pair.accessToken(), pair.refreshToken(),
                "Bearer", expiresIn, null);
    }

    @POST
    @Path("/email")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response email(@Context SecurityContext caller, @Context ContainerRequestContext request,
                          Bodies.EmailChange body) {
        ApiErrors.requireBody(body);
        changeEmail.request(new ChangeEmailUseCase.Command(BearerAuthFilter.caller(caller), body.newEmail(),
                body.password(), ClientAddress.of(request)));
        return Response.accepted(Map.of("status", "success")).build();
    }

    @POST
    @Path("/email/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    public Bodies.UserResult confirmEmail(@Context SecurityContext caller, @Context ContainerRequestContext request,
                                          Bodies.Confirm body) {
        ApiErrors.requireBody(body);
        return Bodies.UserResult.success(UserJson.of(confirmEmailChange.confirm(new ConfirmEmailChangeUseCase.Command(
                BearerAuthFilter.userId(caller), body.code(), ClientAddress.of(request)))));
    }

    @GET
    @Path("/sessions")
    public SessionJson.Page sessions(@Context SecurityContext caller) {
        Caller who = BearerAuthFilter.caller(caller);
        return SessionJson.Page.of(listSessions.list(who, who.userId()));
    }

    @DELETE
    @Path("/sessions/{id}")
    public Response endSession(@Context SecurityContext caller, @Context ContainerRequestContext request,
                               @PathParam("id") String sessionId) {
        Caller who = BearerAuthFilter.caller(caller);
        endSessions.end(new EndSessionsUseCase.Command(who, who.userId(), sessionId, ClientAddress.of(request)));
        return Response.noContent().build();
    }

    @DELETE
    @Path("/sessions")
    public Response endAllSessions(@Context SecurityContext caller, @Context ContainerRequestContext request) {
        Caller who = BearerAuthFilter.caller(caller);
        endSessions.end(new EndSessionsUseCase.Command(who, who.userId(), null, ClientAddress.of(request)));
        return Response.noContent().build();
    }

    @GET
    @Path("/export")
    public AccountExportJson export(@Context SecurityContext caller) {
        return AccountExportJson.of(exportAccount.export(BearerAuthFilter.userId(caller)));
    }

    @DELETE
    @Consumes(MediaType.APPLICATION_JSON)
    public Response delete(@Context SecurityContext caller, @Context ContainerRequestContext request,
                           Bodies.Password body) {
        ApiErrors.requireBody(body);
        Caller who = BearerAuthFilter.caller(caller);
        deleteAccount.delete(new DeleteAccountUseCase.Command(who, who.userId(), body.password(),
                ClientAddress.of(request)));
        return Response.noContent().build();
    }

    static SessionClient client(ContainerRequestContext request) {
        return SessionClient.of(ClientAddress.of(request), request.getHeaderString(HttpHeaders.USER_AGENT));
    }

    /** Everything kept about the user: no hash, token or code is part of it. */
    @JsonPropertyOrder({"status", "user", "roles", "attributes", "deactivated", "createdAt", "sessions",
            "mfa", "passkeys", "auditEvents"})
    record AccountExportJson(String status, UserJson user, List<String> roles, Map<String, String> attributes,
                             boolean deactivated, String createdAt, List<SessionJson> sessions, MfaJson mfa,
                             List<PasskeyJson.PasskeyView> passkeys, List<AdminResource.AuditJson> auditEvents) {
        static AccountExportJson of(ExportAccountUseCase.AccountExport export) {
            return new AccountExportJson("success", UserJson.of(export.user()), export.roles(), export.attributes(),
                    export.user().deactivated(), export.user().createdAt() == null ? null
                    : export.user().createdAt().toString(),
                    export.sessions().stream().map(SessionJson::of).toList(),
                    new MfaJson(export.mfa().enabled(), export.mfa().totp(), export.mfa().recoveryCodesLeft()),
                    export.passkeys().stream().map(PasskeyJson.PasskeyView::of).toList(),
                    export.auditEvents().stream().map(AdminResource.AuditJson::of).toList());
        }
    }

    /** Which second factors are on; never a secret or a code. */
    record MfaJson(boolean enabled, boolean totp, int recoveryCodesLeft) {
    }
}
