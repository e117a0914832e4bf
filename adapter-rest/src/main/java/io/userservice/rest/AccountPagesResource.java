package io.userservice.rest;

import io.userservice.core.domain.InvalidCodeException;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.TooManyRequestsException;
import io.userservice.core.port.in.CompletePasswordResetUseCase;
import io.userservice.core.port.in.ConfirmEmailUseCase;
import io.userservice.core.service.UserServiceCore;
import jakarta.ws.rs.Consumes;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The pages the links in confirmation and reset mails open. Opening a link changes nothing; only
 * the button's POST uses the code, so a mail scanner that follows links does not use it up.
 */
@Path(PortalResource.LANG_ROOT)
@Produces(MediaType.TEXT_HTML)
public final class AccountPagesResource {

    private static final String LINK_PROBLEM = "This link is invalid, has expired or has already been used.";

    private final UserServiceCore core;
    private final FormOrigin formOrigin;

    AccountPagesResource(UserServiceCore core, FormOrigin formOrigin) {
        this.core = core;
        this.formOrigin = formOrigin;
    }

    @GET
    @Path("/user/confirm")
    public Response confirmPage(@PathParam("lang") String lang, @QueryParam("code") String code) {
        if (code == null || code.isBlank()) {
            return linkProblem(lang, "Confirm your email");
        }
        return page(200, PortalPages.confirmEmail(lang, code));
    }

    @POST
    @Path("/user/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@PathParam("lang") String lang, @HeaderParam("Origin") String origin,
                            @FormParam("code") String code, @Context ContainerRequestContext request) {
        if (!formOrigin.accepts(origin)) {
            return page(403, PortalPages.result(lang, "Confirm your email", "Please use the link from the email.", false));
        }
        try {
            core.confirmEmail().confirm(new ConfirmEmailUseCase.Command(code, ClientAddress.of(request)));
            return page(200, PortalPages.result(lang, "Email confirmed",
                    "Your email address is confirmed. You can sign in now.", true));
        } catch (InvalidCodeException | InvalidInputException e) {
            return linkProblem(lang, "Confirm your email");
        } catch (TooManyRequestsException e) {
            return throttled(lang, "Confirm your email", e);
        }
    }

    @GET
    @Path("/user/resetPassword/complete")
    public Response resetPage(@PathParam("lang") String lang, @QueryParam("code") String code) {
        if (code == null || code.isBlank()) {
            return linkProblem(lang, "Choose a new password");
        }
        return page(200, form(lang, code, null));
    }

    @POST
    @Path("/user/resetPassword/complete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reset(@PathParam("lang") String lang, @HeaderParam("Origin") String origin,
                          @FormParam("code") String code, @FormParam("password") String password,
                          @Context ContainerRequestContext request) {
        if (!formOrigin.accepts(origin)) {
            return page(403, PortalPages.result(lang, "Choose a new password", "Please use the link from the email.",
                    false));
        }
        try {
            core.completePasswordReset().complete(new CompletePasswordResetUseCase.Command(code, password,
                    ClientAddress.of(request)));
            return page(200, PortalPages.result(lang, "Password changed",
                    "Your new password is set, and every other session of your account has been signed out.", true));
        } catch (InvalidCodeException e) {
            return linkProblem(lang, "Choose a new password");
        } catch (TooManyRequestsException e) {
            return throttled(lang, "Choose a new password", e);
        } catch (InvalidInputException e) {
            return "code".equals(e.field()) ? linkProblem(lang, "Choose a new password")
                    : page(422, form(lang, code, e.getMessage()));
        }
    }

    private String form(String lang, String code, String message) {
        return PortalPages.newPasswordForm(lang, code, core.passwordPolicy().minLength(),
                core.passwordPolicy().maxLength(), message);
    }


    private static Response throttled(String lang, String title, TooManyRequestsException e) {
        return PortalPages.withPageHeaders(Response.status(429).type(MediaType.TEXT_HTML_TYPE)
                .header(HttpHeaders.RETRY_AFTER, TooManyRequestsExceptionMapper.retryAfterSeconds(e))
                .entity(PortalPages.result(lang, title, "Too many attempts. Please wait a few minutes and try again.",
                        false))).build();
    }

    private static Response linkProblem(String lang, String title) {
        return page(400, PortalPages.result(lang, title, LINK_PROBLEM, false));
    }

    private static Response page(int status, String html) {
        return PortalPages.withPageHeaders(Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(html)).build();
    }
}
