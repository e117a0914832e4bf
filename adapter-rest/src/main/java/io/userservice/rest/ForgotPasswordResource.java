package io.userservice.rest;

import io.userservice.core.domain.Email;
import io.userservice.core.domain.ManagedByDirectoryException;
import io.userservice.core.domain.TooManyRequestsException;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * "Forgot your password?" from the portal's sign-in page: a form for the email, and the same
 * answer afterwards whether an account has that email or not (the mail goes only to an account's
 * own address, and the per-address and per-account limits apply as on the API).
 */
@Path(PortalResource.LANG_ROOT)
@Produces(MediaType.TEXT_HTML)
public final class ForgotPasswordResource {

    private static final int MAX_EMAIL_LENGTH = 320;

    private final RequestPasswordResetUseCase requestPasswordReset;
    private final FormOrigin formOrigin;
    private final Pages pages;
    private final PortalPages html;

    ForgotPasswordResource(RequestPasswordResetUseCase requestPasswordReset, FormOrigin formOrigin, Pages pages) {
        this.requestPasswordReset = requestPasswordReset;
        this.formOrigin = formOrigin;
        this.pages = pages;
        this.html = new PortalPages(pages);
    }

    @GET
    @Path("/user/forgot")
    public Response form(@PathParam("lang") String lang) {
        return pages.response(200, html.forgotForm(lang, null, null)).build();
    }

    @POST
    @Path("/user/forgot")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response request(@PathParam("lang") String lang, @HeaderParam("Origin") String origin,
                            @HeaderParam("Sec-Fetch-Site") String fetchSite, @FormParam("email") String email,
                            @Context ContainerRequestContext request) {
        if (!formOrigin.accepts(origin, fetchSite)) {
            return pages.response(403, html.notice(lang, "forgot.title", "form.otherSite")).build();
        }
        Optional<Email> address = email == null || email.length() > MAX_EMAIL_LENGTH ? Optional.empty()
                : Email.parse(email);
        if (address.isEmpty()) {
            String typed = email == null || email.length() > MAX_EMAIL_LENGTH ? null : email;
            return pages.response(422, html.forgotForm(lang, "forgot.invalidEmail", typed)).build();
        }
        try {
            requestPasswordReset.request(new RequestPasswordResetUseCase.Command(address.get().value(),
                    ClientAddress.of(request)));
        } catch (ManagedByDirectoryException e) {
            return pages.response(403, html.notice(lang, "forgot.title", "managed.password")).build();
        } catch (TooManyRequestsException e) {
            return pages.response(429, html.notice(lang, "forgot.title", "throttled"))
                    .header(HttpHeaders.RETRY_AFTER, TooManyRequestsExceptionMapper.retryAfterSeconds(e)).build();
        }
        return pages.response(200, html.forgotSent(lang, address.get().value())).build();
    }
}
