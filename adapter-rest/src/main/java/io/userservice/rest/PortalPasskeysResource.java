package io.userservice.rest;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.CurrentPortalUserUseCase;
import io.userservice.core.port.in.ManagePasskeysUseCase;
import io.userservice.core.port.in.PortalLogin;
import io.userservice.core.port.in.RegisterPasskeyUseCase;
import io.userservice.core.port.in.SignInWithPasskeyUseCase;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Passkeys in the portal: the sign-in page's passkey sign-in (which starts a portal session), and
 * the signed-in user's passkeys page, where a passkey is added (with the password) and renamed or
 * removed. The calls the passkey script makes are JSON; the rename and remove buttons are plain
 * forms. Every POST must come from this site's own origin, and every page acts on the portal
 * session's user and no other.
 */
@Path(PortalResource.LANG_ROOT)
public final class PortalPasskeysResource {

    private final SignInWithPasskeyUseCase signIn;
    private final RegisterPasskeyUseCase register;
    private final ManagePasskeysUseCase manage;
    private final CurrentPortalUserUseCase currentPortalUser;
    private final FormOrigin formOrigin;
    private final Clock clock;
    private final Pages pages;
    private final PasskeyPages html;

    PortalPasskeysResource(SignInWithPasskeyUseCase signIn, RegisterPasskeyUseCase register,
                           ManagePasskeysUseCase manage, CurrentPortalUserUseCase currentPortalUser,
                           FormOrigin formOrigin, Clock clock, Pages pages) {
        this.signIn = signIn;
        this.register = register;
        this.manage = manage;
        this.currentPortalUser = currentPortalUser;
        this.formOrigin = formOrigin;
        this.clock = clock;
        this.pages = pages;
        this.html = new PasskeyPages(pages);
    }

    /** A passkey sign-in from the sign-in page: a portal session, and where the browser goes next. */
    @POST
    @Path("/user/passkey")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response signIn(@PathParam("lang") String lang, @HeaderParam("Origin") String origin,
                           @HeaderParam("Sec-Fetch-Site") String fetchSite, PasskeyJson.Assertion body,
                           @Context ContainerRequestContext request) {
        if (!formOrigin.accepts(origin, fetchSite)) {
            return otherSite();
        }
        ApiErrors.requireBody(body);
        PortalLogin login = signIn.signInToPortal(new SignInWithPasskeyUseCase.Command(
                PasskeyJson.text(body.credential()), AccountResource.client(request)));
        int maxAge = (int) Math.max(0, Duration.between(clock.instant(), login.expiresAt()).toSeconds());
        return pages.withHeaders(Response.ok(Map.of("status", "success", "location", PortalResource.home(lang)),
                MediaType.APPLICATION_JSON_TYPE)).cookie(sessionCookie(login.sessionSecret(), maxAge)).build();
    }

    @GET
    @Path("/user/passkeys")
    @Produces(MediaType.TEXT_HTML)
    public Response page(@PathParam("lang") String lang, @CookieParam(PortalResource.SESSION_COOKIE) String session,
                         @QueryParam("info") String info) {
        Optional<User> user = currentPortalUser.currentUser(session);
        if (user.isEmpty()) {
            return toSignIn(lang);
        }
        String messageKey = info == null ? null : switch (info) {
            case "added", "renamed", "deleted" -> "portal.passkeys." + info;
            default -> null;
        };
        return page(200, lang, user.get(), messageKey, false);
    }

    /** The creation options for the passkeys page's script; the password is always asked for here. */
    @POST
    @Path("/user/passkeys/options")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response options(@PathParam("lang") String lang, @HeaderParam("Origin") String origin,
                            @HeaderParam("Sec-Fetch-Site") String fetchSite,
                            @CookieParam(PortalResource.SESSION_COOKIE) String session,
                            PasskeyJson.OptionsRequest body, @Context ContainerRequestContext request) {
        if (!formOrigin.accepts(origin, fetchSite)) {
            return otherSite();
        }
        Optional<User> user = currentPortalUser.currentUser(session);
        if (user.isEmpty()) {
            return notSignedIn();
        }
        ApiErrors.requireBody(body);
        String password = body.password() == null ? "" : body.password();
        return Response.ok(PasskeyJson.CreationOptions.of(register.options(new RegisterPasskeyUseCase.OptionsCommand(
                Caller.user(user.get().id()), null, password, ClientAddress.of(request)))),
                MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    @Path("/user/passkeys")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response add(@PathParam("lang") String lang, @HeaderParam("Origin") String origin,
                        @HeaderParam("Sec-Fetch-Site") String fetchSite,
                        @CookieParam(PortalResource.SESSION_COOKIE) String session,
                        PasskeyJson.Registration body, @Context ContainerRequestContext request) {
        if (!formOrigin.accepts(origin, fetchSite)) {
            return otherSite();
        }
        Optional<User> user = currentPortalUser.currentUser(session);
        if (user.isEmpty()) {
            return notSignedIn();
        }
        ApiErrors.requireBody(body);
        register.register(new RegisterPasskeyUseCase.Command(Caller.user(user.get().id()),
                PasskeyJson.text(body.credential()), body.name() == null || body.name().isBlank() ? null : body.name(),
                ClientAddress.of(request)));
        return Response.status(201).entity(Map.of("status", "success",
                "location", "/" + lang + "/user/passkeys?info=added")).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    @Path("/user/passkeys/{id}/rename")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response rename(@PathParam("lang") String lang, @PathParam("id") String id,
                           @HeaderParam("Origin") String origin, @HeaderParam("Sec-Fetch-Site") String fetchSite,
                           @CookieParam(PortalResource.SESSION_COOKIE) String session, @FormParam("name") String name,
                           @Context ContainerRequestContext request) {
        return change(lang, origin, fetchSite, session, "renamed", user -> manage.rename(
                Caller.user(user.id()), id, name, ClientAddress.of(request)));
    }

    @POST
    @Path("/user/passkeys/{id}/delete")
    @Produces(MediaType.TEXT_HTML)
    public Response delete(@PathParam("lang") String lang, @PathParam("id") String id,
                           @HeaderParam("Origin") String origin, @HeaderParam("Sec-Fetch-Site") String fetchSite,
                           @CookieParam(PortalResource.SESSION_COOKIE) String session,
                           @Context ContainerRequestContext request) {
        return change(lang, origin, fetchSite, session, "deleted", user -> manage.delete(
                Caller.user(user.id()), id, ClientAddress.of(request)));
    }

    private Response change(String lang, String origin, String fetchSite, String session, String done,
                            java.util.function.Consumer<User> action) {
        if (!formOrigin.accepts(origin, fetchSite)) {
            return pages.response(403, new PortalPages(pages).notice(lang, "portal.passkeys.title", "form.otherSite"))
                    .build();
        }
        Optional<User> user = currentPortalUser.currentUser(session);
        if (user.isEmpty()) {
            return toSignIn(lang);
        }
        try {
            action.accept(user.get());
        } catch (NotFoundException e) {
            return page(404, lang, user.get(), "portal.passkeys.notFound", true);
        } catch (InvalidInputException e) {
            return page(422, lang, user.get(), "portal.passkeys.badName", true);
        }
        return pages.withHeaders(Response.seeOther(URI.create("/" + lang + "/user/passkeys?info=" + done))).build();
    }

    private Response page(int status, String lang, User user, String messageKey, boolean error) {
        return pages.responseWithScript(status, html.passkeysPage(lang, manage.list(Caller.user(user.id())),
                messageKey, error)).build();
    }

    private Response toSignIn(String lang) {
        return pages.withHeaders(Response.seeOther(URI.create(PortalResource.home(lang)))).build();
    }

    private static Response otherSite() {
        return ErrorBody.response(403, "other_site", "This request did not come from this site's own pages.").build();
    }

    private static Response notSignedIn() {
        return ErrorBody.response(401, "not_signed_in", "Sign in to the portal first.").build();
    }

    private NewCookie sessionCookie(String value, int maxAge) {
        return new NewCookie.Builder(PortalResource.SESSION_COOKIE).value(value).path("/").maxAge(maxAge)
                .httpOnly(true).secure(formOrigin.isHttps()).sameSite(NewCookie.SameSite.LAX).build();
    }
}
