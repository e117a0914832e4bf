package io.userservice.rest;

import io.userservice.core.domain.InvalidCodeException;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.ManagedByDirectoryException;
import io.userservice.core.domain.PasswordPolicy;
import io.userservice.core.domain.TooManyRequestsException;
import io.userservice.core.port.in.CompletePasswordResetUseCase;
import io.userservice.core.port.in.ConfirmEmailUseCase;
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
 * The pages the links in confirmation and reset mails open, in the language of the link's path
 * (see {@link PageTexts}). Opening a link changes nothing; only the button's POST uses the code,
 * so a mail scanner that follows links does not use it up.
 */
@Path(PortalResource.LANG_ROOT)
@Produces(MediaType.TEXT_HTML)
public final class AccountPagesResource {

    private final ConfirmEmailUseCase confirmEmail;
    private final CompletePasswordResetUseCase completePasswordReset;
    private final PasswordPolicy passwordPolicy;
    private final FormOrigin formOrigin;
    private final Pages pages;
    private final AccountPages html;

    AccountPagesResource(ConfirmEmailUseCase confirmEmail, CompletePasswordResetUseCase completePasswordReset,
                         PasswordPolicy passwordPolicy, FormOrigin formOrigin, Pages pages) {
        this.confirmEmail = confirmEmail;
        this.completePasswordReset = completePasswordReset;
        this.passwordPolicy = passwordPolicy;
        this.formOrigin = formOrigin;
        this.pages = pages;
        this.html = new AccountPages(pages);
    }

    @GET
    @Path("/user/confirm")
    public Response confirmPage(@PathParam("lang") String lang, @QueryParam("code") String code) {
        if (code == null || code.isBlank()) {
            return result(400, lang, "confirm.title", "link.problem", false);
        }
        return page(200, html.confirmEmail(lang, code));
    }

    @POST
    @Path("/user/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@PathParam("lang") String lang, @HeaderParam("Origin") String origin,
                            @HeaderParam("Sec-Fetch-Site") String fetchSite,
                            @FormParam("code") String code, @Context ContainerRequestContext request) {
        if (!formOrigin.accepts(origin, fetchSite)) {
            return result(403, lang, "confirm.title", "link.useMail", false);
        }
        try {
            confirmEmail.confirm(new ConfirmEmailUseCase.Command(code, ClientAddress.of(request)));
            return result(200, lang, "confirmed.title", "confirmed.message", true);
        } catch (InvalidCodeException | InvalidInputException e) {
            return result(400, lang, "confirm.title", "link.problem", false);
        } catch (TooManyRequestsException e) {
            return throttled(lang, "confirm.title", e);
        }
    }

    @GET
    @Path("/user/resetPassword/complete")
    public Response resetPage(@PathParam("lang") String lang, @QueryParam("code") String code) {
        if (code == null || code.isBlank()) {
            return result(400, lang, "reset.title", "link.problem", false);
        }
        return page(200, form(lang, code, null));
    }

    @POST
    @Path("/user/resetPassword/complete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reset(@PathParam("lang") String lang, @HeaderParam("Origin") String origin,
                          @HeaderParam("Sec-Fetch-Site") String fetchSite,
                          @FormParam("code") String code, @FormParam("password") String password,
                          @Context ContainerRequestContext request) {
        if (!formOrigin.accepts(origin, fetchSite)) {
            return result(403, lang, "reset.title", "link.useMail", false);
        }
        try {
            completePasswordReset.complete(new CompletePasswordResetUseCase.Command(code, password,
                    ClientAddress.of(request)));
            return result(200, lang, "reset.done.title", "reset.done.message", true);
        } catch (InvalidCodeException e) {
            return result(400, lang, "reset.title", "link.problem", false);
        } catch (ManagedByDirectoryException e) {
            return result(403, lang, "reset.title", "managed.password", false);
        } catch (TooManyRequestsException e) {
            return throttled(lang, "reset.title", e);
        } catch (InvalidInputException e) {
            if ("code".equals(e.field())) {
                return result(400, lang, "reset.title", "link.problem", false);
            }
            return page(422, form(lang, code, html.passwordProblem(lang, e.code(), passwordPolicy.minLength(),
                    passwordPolicy.maxLength())));
        }
    }

    private String form(String lang, String code, String problem) {
        return html.newPasswordForm(lang, code, passwordPolicy.minLength(), passwordPolicy.maxLength(), problem);
    }

    private Response throttled(String lang, String titleKey, TooManyRequestsException e) {
        return pages.response(429, html.result(lang, titleKey, "throttled", false))
                .header(HttpHeaders.RETRY_AFTER, TooManyRequestsExceptionMapper.retryAfterSeconds(e)).build();
    }

    private Response result(int status, String lang, String titleKey, String messageKey, boolean succeeded) {
        return page(status, html.result(lang, titleKey, messageKey, succeeded));
    }

    private Response page(int status, String body) {
        return pages.response(status, body).build();
    }
}
