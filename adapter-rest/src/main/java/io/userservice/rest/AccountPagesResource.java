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
 * (English when the language has no texts). Opening a link changes nothing; only the button's
 * POST uses the code, so a mail scanner that follows links does not use it up.
 */
@Path(PortalResource.LANG_ROOT)
@Produces(MediaType.TEXT_HTML)
public final class AccountPagesResource {

    private final ConfirmEmailUseCase confirmEmail;
    private final CompletePasswordResetUseCase completePasswordReset;
    private final PasswordPolicy passwordPolicy;
    private final FormOrigin formOrigin;

    AccountPagesResource(ConfirmEmailUseCase confirmEmail, CompletePasswordResetUseCase completePasswordReset, PasswordPolicy passwordPolicy, FormOrigin formOrigin) {
        this.confirmEmail = confirmEmail;
        this.completePasswordReset = completePasswordReset;
        this.passwordPolicy = passwordPolicy;
        this.formOrigin = formOrigin;
    }

    @GET
    @Path("/user/confirm")
    public Response confirmPage(@PathParam("lang") String lang, @QueryParam("code") String code) {
        AccountPageTexts texts = AccountPageTexts.of(lang);
        if (code == null || code.isBlank()) {
            return linkProblem(lang, texts, texts.confirmTitle());
        }
        return page(200, AccountPages.confirmEmail(lang, texts, code));
    }

    @POST
    @Path("/user/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@PathParam("lang") String lang, @HeaderParam("Origin") String origin,
                            @HeaderParam("Sec-Fetch-Site") String fetchSite,
                            @FormParam("code") String code, @Context ContainerRequestContext request) {
        AccountPageTexts texts = AccountPageTexts.of(lang);
        if (!formOrigin.accepts(origin, fetchSite)) {
            return page(403, AccountPages.result(lang, texts, texts.confirmTitle(), texts.useTheMailLink(), false));
        }
        try {
            confirmEmail.confirm(new ConfirmEmailUseCase.Command(code, ClientAddress.of(request)));
            return page(200, AccountPages.result(lang, texts, texts.confirmedTitle(), texts.confirmedMessage(), true));
        } catch (InvalidCodeException | InvalidInputException e) {
            return linkProblem(lang, texts, texts.confirmTitle());
        } catch (TooManyRequestsException e) {
            return throttled(lang, texts, texts.confirmTitle(), e);
        }
    }

    @GET
    @Path("/user/resetPassword/complete")
    public Response resetPage(@PathParam("lang") String lang, @QueryParam("code") String code) {
        AccountPageTexts texts = AccountPageTexts.of(lang);
        if (code == null || code.isBlank()) {
            return linkProblem(lang, texts, texts.resetTitle());
        }
        return page(200, form(lang, texts, code, null));
    }

    @POST
    @Path("/user/resetPassword/complete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reset(@PathParam("lang") String lang, @HeaderParam("Origin") String origin,
                          @HeaderParam("Sec-Fetch-Site") String fetchSite,
                          @FormParam("code") String code, @FormParam("password") String password,
                          @Context ContainerRequestContext request) {
        AccountPageTexts texts = AccountPageTexts.of(lang);
        if (!formOrigin.accepts(origin, fetchSite)) {
            return page(403, AccountPages.result(lang, texts, texts.resetTitle(), texts.useTheMailLink(), false));
        }
        try {
            completePasswordReset.complete(new CompletePasswordResetUseCase.Command(code, password,
                    ClientAddress.of(request)));
            return page(200, AccountPages.result(lang, texts, texts.resetDoneTitle(), texts.resetDoneMessage(),
                    true));
        } catch (InvalidCodeException e) {
            return linkProblem(lang, texts, texts.resetTitle());
        } catch (ManagedByDirectoryException e) {
            return page(403, AccountPages.result(lang, texts, texts.resetTitle(), texts.managedByDirectory(), false));
        } catch (TooManyRequestsException e) {
            return throttled(lang, texts, texts.resetTitle(), e);
        } catch (InvalidInputException e) {
            if ("code".equals(e.field())) {
                return linkProblem(lang, texts, texts.resetTitle());
            }
            PasswordPolicy policy = passwordPolicy;
            return page(422, form(lang, texts, code, texts.passwordProblem(e.code(), policy.minLength(),
                    policy.maxLength())));
        }
    }

    private String form(String lang, AccountPageTexts texts, String code, String message) {
        PasswordPolicy policy = passwordPolicy;
        return AccountPages.newPasswordForm(lang, texts, code, policy.minLength(), policy.maxLength(), message);
    }


    private static Response throttled(String lang, AccountPageTexts texts, String title, TooManyRequestsException e) {
        return PortalPages.withPageHeaders(Response.status(429).type(MediaType.TEXT_HTML_TYPE)
                .header(HttpHeaders.RETRY_AFTER, TooManyRequestsExceptionMapper.retryAfterSeconds(e))
                .entity(AccountPages.result(lang, texts, title, texts.tooManyAttempts(), false))).build();
    }

    private static Response linkProblem(String lang, AccountPageTexts texts, String title) {
        return page(400, AccountPages.result(lang, texts, title, texts.linkProblem(), false));
    }

    private static Response page(int status, String html) {
        return PortalPages.withPageHeaders(Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(html)).build();
    }
}
