package io.userservice.rest;

import io.userservice.core.domain.EmailAlreadyTakenException;
import io.userservice.core.domain.InvalidCodeException;
import io.userservice.core.domain.ManagedByDirectoryException;
import io.userservice.core.domain.TooManyRequestsException;
import io.userservice.core.port.in.ConfirmEmailChangeUseCase;
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
 * The page the link mailed to a new address opens, in the language of the link's path. As with
 * the other mail links, opening it changes nothing; only its button (a form POST from this
 * origin) uses the code, which alone speaks for the request the signed-in user made.
 */
@Path(PortalResource.LANG_ROOT)
@Produces(MediaType.TEXT_HTML)
public final class EmailChangePagesResource {

    private static final String TITLE = "emailChange.title";

    private final ConfirmEmailChangeUseCase confirmEmailChange;
    private final FormOrigin formOrigin;
    private final Pages pages;
    private final AccountPages html;

    EmailChangePagesResource(ConfirmEmailChangeUseCase confirmEmailChange, FormOrigin formOrigin, Pages pages) {
        this.confirmEmailChange = confirmEmailChange;
        this.formOrigin = formOrigin;
        this.pages = pages;
        this.html = new AccountPages(pages);
    }

    @GET
    @Path("/user/email/confirm")
    public Response page(@PathParam("lang") String lang, @QueryParam("code") String code) {
        if (code == null || code.isBlank()) {
            return result(400, lang, TITLE, "link.problem", false);
        }
        return pages.response(200, html.confirmEmailChange(lang, code)).build();
    }

    @POST
    @Path("/user/email/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@PathParam("lang") String lang, @HeaderParam("Origin") String origin,
                            @HeaderParam("Sec-Fetch-Site") String fetchSite, @FormParam("code") String code,
                            @Context ContainerRequestContext request) {
        if (!formOrigin.accepts(origin, fetchSite)) {
            return result(403, lang, TITLE, "link.useMail", false);
        }
        try {
            confirmEmailChange.confirm(new ConfirmEmailChangeUseCase.Command(null, code, ClientAddress.of(request)));
            return result(200, lang, "emailChanged.title", "emailChanged.message", true);
        } catch (InvalidCodeException e) {
            return result(400, lang, TITLE, "link.problem", false);
        } catch (EmailAlreadyTakenException e) {
            return result(409, lang, TITLE, "emailChange.taken", false);
        } catch (ManagedByDirectoryException e) {
            return result(403, lang, TITLE, "link.problem", false);
        } catch (TooManyRequestsException e) {
            return pages.response(429, html.result(lang, TITLE, "throttled", false))
                    .header(HttpHeaders.RETRY_AFTER, TooManyRequestsExceptionMapper.retryAfterSeconds(e)).build();
        }
    }

    private Response result(int status, String lang, String titleKey, String messageKey, boolean succeeded) {
        return pages.response(status, html.result(lang, titleKey, messageKey, succeeded)).build();
    }
}
