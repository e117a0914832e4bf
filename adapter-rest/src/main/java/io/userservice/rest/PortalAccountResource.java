package io.userservice.rest;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.ManagedByDirectoryException;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.PasswordPolicy;
import io.userservice.core.domain.TooManyRequestsException;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ChangePasswordUseCase;
import io.userservice.core.port.in.CurrentPortalUserUseCase;
import io.userservice.core.port.in.DeleteAccountUseCase;
import io.userservice.core.port.in.EndSessionsUseCase;
import io.userservice.core.port.in.ListSessionsUseCase;
import io.userservice.core.port.in.SignOutOfPortalUseCase;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Date;
import java.util.Optional;

/**
 * The signed-in portal user's own account, as pages: change the password, see and end sessions,
 * delete the account. Every page acts on the portal session's user and no other; every form is a
 * POST from this site's own origin. Without a live portal session each page sends the browser to
 * the sign-in page.
 */
@Path(PortalResource.LANG_ROOT)
public final class PortalAccountResource {

    private final CurrentPortalUserUseCase currentPortalUser;
    private final SignOutOfPortalUseCase signOutOfPortal;
    private final ChangePasswordUseCase changePassword;
    private final ListSessionsUseCase listSessions;
    private final EndSessionsUseCase endSessions;
    private final DeleteAccountUseCase deleteAccount;
    private final PasswordPolicy passwordPolicy;
    private final FormOrigin formOrigin;
    private final Pages pages;
    private final PortalAccountPages html;
    private final AccountPages accountPages;

    PortalAccountResource(CurrentPortalUserUseCase currentPortalUser, SignOutOfPortalUseCase signOutOfPortal,
                          ChangePasswordUseCase changePassword, ListSessionsUseCase listSessions,
                          EndSessionsUseCase endSessions, DeleteAccountUseCase deleteAccount,
                          PasswordPolicy passwordPolicy, FormOrigin formOrigin, Pages pages) {
        this.currentPortalUser = currentPortalUser;
        this.signOutOfPortal = signOutOfPortal;
        this.changePassword = changePassword;
        this.listSessions = listSessions;
        this.endSessions = endSessions;
        this.deleteAccount = deleteAccount;
        this.passwordPolicy = passwordPolicy;
        this.formOrigin = formOrigin;
        this.pages = pages;
        this.html = new PortalAccountPages(pages);
        this.accountPages = new AccountPages(pages);
    }

    @GET
    @Path("/user/password")
    public Response passwordPage(@PathParam("lang") String lang, @CookieParam(PortalResource.SESSION_COOKIE) String session) {
        Optional<User> user = currentPortalUser.currentUser(session);
        if (user.isEmpty()) {
            return toSignIn(lang);
        }
        return page(200, passwordForm(lang, null));
    }

    @POST
    @Path("/user/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changePassword(@PathParam("lang") String lang, @HeaderParam("Origin") String origin,
                                   @HeaderParam("Sec-Fetch-Site") String fetchSite,
                                   @CookieParam(PortalResource.SESSION_COOKIE) String session,
                                   @FormParam("currentPassword") String currentPassword,
                                   @FormParam("newPassword") String newPassword,
                                   @Context ContainerRequestContext request) {
        if (!formOrigin.accepts(origin, fetchSite)) {
            return page(403, html.notice(lang, "portal.password.title", "form.otherSite", true));
        }
        Optional<User> user = currentPortalUser.currentUser(session);
        if (user.isEmpty()) {
            return toSignIn(lang);
        }
        try {
            changePassword.change(new ChangePasswordUseCase.Command(Caller.user(user.get().id()), currentPassword,
                    newPassword, AccountResource.client(request)));
        } catch (InvalidCredentialsException e) {
            return page(401, passwordForm(lang, pages.texts(lang).get("portal.password.wrong")));
        } catch (TooManyRequestsException e) {
            return throttled(lang, "portal.password.title", e);
        } catch (ManagedByDirectoryException e) {
            return page(403, html.notice(lang, "portal.password.title", "managed.password", true));
        } catch (InvalidInputException e) {
            return page(422, passwordForm(lang, accountPages.passwordProblem(lang, e.code(),
                    passwordPolicy.minLength(), passwordPolicy.maxLength())));
        }
        // A new password ends every session of the user, this portal session too: sign in again.
        return pages.response(200, html.notice(lang, "portal.password.title", "portal.password.changed", false))
                .cookie(endedCookie()).build();
    }

    @GET
    @Path("/user/sessions")
    public Response sessionsPage(@PathParam("lang") String lang,
                                 @CookieParam(PortalResource.SESSION_COOKIE) String session) {
        Optional<User> user = currentPortalUser.currentUser(session);
        if (user.isEmpty()) {
            return toSignIn(lang);
        }
        return page(200, sessions(lang, user.get(), null));
    }

    @POST
    @Path("/user/sessions/signout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response endSession(@PathParam("lang") String lang, @HeaderParam("Origin") String origin,
                               @HeaderParam("Sec-Fetch-Site") String fetchSite,
                               @CookieParam(PortalResource.SESSION_COOKIE) String session,
                               @FormParam("id") String id, @Context ContainerRequestContext request) {
        if (!formOrigin.accepts(origin, fetchSite)) {
            return page(403, html.notice(lang, "portal.sessions.title", "form.otherSite", true));
        }
        Optional<User> user = currentPortalUser.currentUser(session);
        if (user.isEmpty()) {
            return toSignIn(lang);
        }
        if (id == null || id.isBlank()) {
            return page(404, html.notice(lang, "portal.sessions.title", "portal.sessions.notFound", true));
        }
        Caller caller = Caller.user(user.get().id());
        try {
            endSessions.end(new EndSessionsUseCase.Command(caller, caller.userId(), id, ClientAddress.of(request)));
        } catch (NotFoundException | InvalidInputException e) {
            return page(404, html.notice(lang, "portal.sessions.title", "portal.sessions.notFound", true));
        }
        return page(200, sessions(lang, user.get(), "portal.sessions.ended"));
    }

    @POST
    @Path("/user/sessions/signout-all")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response endAllSessions(@PathParam("lang") String lang, @HeaderParam("Origin") String origin,
                                   @HeaderParam("Sec-Fetch-Site") String fetchSite,
                                   @CookieParam(PortalResource.SESSION_COOKIE) String session,
                                   @Context ContainerRequestContext request) {
        if (!formOrigin.accepts(origin, fetchSite)) {
            return page(403, html.notice(lang, "portal.sessions.title", "form.otherSite", true));
        }
        Optional<User> user = currentPortalUser.currentUser(session);
        if (user.isEmpty()) {
            return toSignIn(lang);
        }
        Caller caller = Caller.user(user.get().id());
        endSessions.end(new EndSessionsUseCase.Command(caller, caller.userId(), null, ClientAddress.of(request)));
        signOutOfPortal.signOut(session);
        return pages.withHeaders(Response.seeOther(URI.create(PortalResource.home(lang) + "?info=signedout")))
                .cookie(endedCookie()).build();
    }

    @GET
    @Path("/user/delete")
    public Response deletePage(@PathParam("lang") String lang, @CookieParam(PortalResource.SESSION_COOKIE) String session) {
        if (currentPortalUser.currentUser(session).isEmpty()) {
            return toSignIn(lang);
        }
        return page(200, html.deleteForm(lang, null));
    }

    @POST
    @Path("/user/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("lang") String lang, @HeaderParam("Origin") String origin,
                           @HeaderParam("Sec-Fetch-Site") String fetchSite,
                           @CookieParam(PortalResource.SESSION_COOKIE) String session,
                           @FormParam("password") String password, @FormParam("confirm") String confirm,
                           @Context ContainerRequestContext request) {
        if (!formOrigin.accepts(origin, fetchSite)) {
            return page(403, html.notice(lang, "portal.delete.title", "form.otherSite", true));
        }
        Optional<User> user = currentPortalUser.currentUser(session);
        if (user.isEmpty()) {
            return toSignIn(lang);
        }
        if (!"yes".equals(confirm)) {
            return page(422, html.deleteForm(lang, "portal.delete.confirmRequired"));
        }
        if (password == null || password.isEmpty()) {
            return page(401, html.deleteForm(lang, "portal.password.wrong"));
        }
        Caller caller = Caller.user(user.get().id());
        try {
            deleteAccount.delete(new DeleteAccountUseCase.Command(caller, caller.userId(), password,
                    ClientAddress.of(request)));
        } catch (InvalidCredentialsException e) {
            return page(401, html.deleteForm(lang, "portal.password.wrong"));
        } catch (TooManyRequestsException e) {
            return throttled(lang, "portal.delete.title", e);
        } catch (ManagedByDirectoryException e) {
            return page(403, html.notice(lang, "portal.delete.title", "portal.delete.managed", true));
        }
        signOutOfPortal.signOut(session);
        return pages.response(200, html.notice(lang, "portal.delete.done.title", "portal.delete.done.message", false))
                .cookie(endedCookie()).build();
    }

    private String passwordForm(String lang, String problem) {
        return html.passwordForm(lang, passwordPolicy.minLength(), passwordPolicy.maxLength(), problem);
    }

    private String sessions(String lang, User user, String messageKey) {
        Caller caller = Caller.user(user.id());
        return html.sessions(lang, listSessions.list(caller, caller.userId()), messageKey);
    }

    private Response toSignIn(String lang) {
        return pages.withHeaders(Response.seeOther(URI.create(PortalResource.home(lang)))).build();
    }

    private Response throttled(String lang, String titleKey, TooManyRequestsException e) {
        return pages.response(429, html.notice(lang, titleKey, "throttled", true))
                .header(HttpHeaders.RETRY_AFTER, TooManyRequestsExceptionMapper.retryAfterSeconds(e)).build();
    }

    private Response page(int status, String body) {
        return pages.response(status, body).build();
    }

    private NewCookie endedCookie() {
        return new NewCookie.Builder(PortalResource.SESSION_COOKIE).value("").path("/").maxAge(0).expiry(new Date(0))
                .httpOnly(true).secure(formOrigin.isHttps()).sameSite(NewCookie.SameSite.LAX).build();
    }
}
