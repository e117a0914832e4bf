package io.userservice.rest;

import io.userservice.core.port.in.CurrentPortalUserUseCase;
import io.userservice.core.port.in.PortalLogin;
import io.userservice.core.port.in.RedeemPortalTokenUseCase;
import io.userservice.core.port.in.SignInToPortalUseCase;
import io.userservice.core.port.in.SignOutOfPortalUseCase;
import io.userservice.core.domain.AuthenticationException;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.InvalidMfaCodeException;
import io.userservice.core.domain.MfaRequiredException;
import io.userservice.core.port.in.CompletePortalMfaSignInUseCase;
import io.userservice.core.domain.EmailNotConfirmedException;
import io.userservice.core.domain.Language;
import io.userservice.core.domain.TooManyRequestsException;
import io.userservice.core.domain.User;
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
import java.util.Date;
import java.util.Optional;

/**
 * The members portal: sign-in by one-time token ({@code /{lang}/user/login?t=…}), by email and
 * password, the signed-in home page, and sign-out. The session lives server-side; the browser
 * holds only its secret in an HttpOnly, SameSite=Lax cookie.
 */
@Path(PortalResource.LANG_ROOT)
public final class PortalResource {

    /**
     * The language-prefixed root shared by every page resource; Jersey merges root resources
     * whose paths are equal, so all of them use this constant.
     */
    static final String LANG_ROOT = "/{lang: " + Language.TAG_PATTERN + "}";

    static final String SESSION_COOKIE = "usersvc_session";
    /** The browser's device token: it keeps signing in while someone else guesses the password. */
    static final String DEVICE_COOKIE = "usersvc_device";
    /** The second-factor method a passkey answers, as a challenge lists its methods. */
    static final String PASSKEY_METHOD = "webauthn";
    private static final int DEVICE_COOKIE_MAX_AGE = (int) Duration.ofDays(90).toSeconds();

    private final RedeemPortalTokenUseCase redeemPortalToken;
    private final SignInToPortalUseCase signInToPortal;
    private final CurrentPortalUserUseCase currentPortalUser;
    private final SignOutOfPortalUseCase signOutOfPortal;
    private final FormOrigin formOrigin;
    private final Clock clock;
    private final Pages pages;
    private final PortalPages html;
    private final CompletePortalMfaSignInUseCase completeMfa;

    PortalResource(RedeemPortalTokenUseCase redeemPortalToken, SignInToPortalUseCase signInToPortal,
                   CurrentPortalUserUseCase currentPortalUser, SignOutOfPortalUseCase signOutOfPortal,
                   CompletePortalMfaSignInUseCase completeMfa, FormOrigin formOrigin, Clock clock, Pages pages) {
        this.completeMfa = completeMfa;
        this.pages = pages;
        this.html = new PortalPages(pages);
        this.redeemPortalToken = redeemPortalToken;
        this.signInToPortal = signInToPortal;
        this.currentPortalUser = currentPortalUser;
        this.signOutOfPortal = signOutOfPortal;
        this.formOrigin = formOrigin;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response home(@PathParam("lang") String lang, @CookieParam(SESSION_COOKIE) String session,
                         @QueryParam("error") String error, @QueryParam("info") String info) {
        Optional<User> user = currentPortalUser.currentUser(session);
        String page = user.map(u -> html.signedIn(lang, u))
                .orElseGet(() -> html.signInForm(lang, messageKey(error, info), error != null && messageKey(error,
                        null) != null, null, null));
        return user.isPresent() ? pages.response(200, page).build() : pages.responseWithScript(200, page).build();
    }

    @GET
    @Path("/user/login")
    public Response loginByToken(@PathParam("lang") String lang, @QueryParam("t") String token,
                                 @QueryParam("redirectUrl") String redirectUrl,
                                 @Context ContainerRequestContext request) {
        try {
            PortalLogin login = redeemPortalToken.redeem(new RedeemPortalTokenUseCase.Command(token, ClientAddress.of(request)));
            return startSession(login, SafeRedirect.target(redirectUrl, home(lang)));
        } catch (AuthenticationException e) {
            return seeOther(home(lang) + "?error=link").build();
        }
    }

    @POST
    @Path("/user/signin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@PathParam("lang") String lang, @HeaderParam("Origin") String origin,
                           @HeaderParam("Sec-Fetch-Site") String fetchSite,
                           @FormParam("email") String email, @FormParam("password") String password,
                           @FormParam("redirectUrl") String redirectUrl, @CookieParam(DEVICE_COOKIE) String device,
                           @Context ContainerRequestContext request) {
        if (!formOrigin.accepts(origin, fetchSite)) {
            return pages.response(403, html.notice(lang, "portal.signin.title", "form.otherSite")).build();
        }
        try {
            PortalLogin login = signInToPortal.signIn(new SignInToPortalUseCase.Command(email, password, ClientAddress.of(request), device));
            return startSession(login, SafeRedirect.target(redirectUrl, home(lang)));
        } catch (MfaRequiredException e) {
            return secondPage(200, lang, e.mfaToken(), redirectUrl, null, e.methods().contains(PASSKEY_METHOD));
        } catch (AuthenticationException | EmailNotConfirmedException e) {
            return seeOther(home(lang) + "?error=credentials").build();
        } catch (TooManyRequestsException e) {
            return seeOther(home(lang) + "?error=throttled").build();
        }
    }

    /** The second page of the sign-in: the code (or passkey assertion) for the challenge the first page started. */
    @POST
    @Path("/user/signin/mfa")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signInMfa(@PathParam("lang") String lang, @HeaderParam("Origin") String origin,
                              @HeaderParam("Sec-Fetch-Site") String fetchSite,
                              @FormParam("mfaToken") String mfaToken, @FormParam("code") String code,
                              @FormParam(PortalPages.MFA_PASSKEY_FIELD) String assertion,
                              @FormParam("redirectUrl") String redirectUrl, @Context ContainerRequestContext request) {
        if (!formOrigin.accepts(origin, fetchSite)) {
            return pages.response(403, html.notice(lang, "portal.mfa.title", "form.otherSite")).build();
        }
        try {
            PortalLogin login = completeMfa.complete(mfaCommand(mfaToken, code, assertion, ClientAddress.of(request),
                    false));
            return startSession(login, SafeRedirect.target(redirectUrl, home(lang)));
        } catch (InvalidMfaCodeException e) {
            return secondPage(401, lang, mfaToken, redirectUrl, wrongAnswerKey(assertion), assertion != null);
        } catch (AuthenticationException | InvalidInputException e) {
            return seeOther(home(lang) + "?error=mfa").build();
        } catch (TooManyRequestsException e) {
            return seeOther(home(lang) + "?error=throttled").build();
        }
    }

    /** The options for answering the second page with a passkey (JSON, for the page's script). */
    @POST
    @Path("/user/signin/mfa/passkey/options")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response mfaPasskeyOptions(MfaOptionsRequest body, @HeaderParam("Origin") String origin,
                                      @HeaderParam("Sec-Fetch-Site") String fetchSite,
                                      @Context ContainerRequestContext request) {
        return mfaPasskeyOptions(completeMfa, formOrigin, body, origin, fetchSite, request, false);
    }

    /** {@code mfaToken}: the challenge token of the second page (its other hidden fields are ignored). */
    record MfaOptionsRequest(String mfaToken) {
        @Override
        public String toString() {
            return "MfaOptionsRequest[***]";
        }
    }

    /** The second page's passkey options, for the portal's page or the OpenID Connect one. */
    static Response mfaPasskeyOptions(CompletePortalMfaSignInUseCase completeMfa, FormOrigin formOrigin,
                                      MfaOptionsRequest body, String origin, String fetchSite,
                                      ContainerRequestContext request, boolean openIdConnect) {
        if (!formOrigin.accepts(origin, fetchSite)) {
            return ErrorBody.response(403, "other_site", "This request did not come from this site's own pages.")
                    .build();
        }
        ApiErrors.requireBody(body);
        return Response.ok(PasskeyJson.RequestOptions.of(completeMfa.webauthnOptions(
                new CompletePortalMfaSignInUseCase.OptionsCommand(body.mfaToken(), ClientAddress.of(request),
                        openIdConnect))), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * A typed answer: six digits are an authenticator code, anything else a recovery code; a
     * passkey assertion, when the page's passkey button sent one, is the answer instead.
     */
    static CompletePortalMfaSignInUseCase.Command mfaCommand(String mfaToken, String typed, String assertion,
                                                            io.userservice.core.domain.ClientAddress clientAddress,
                                                            boolean openIdConnect) {
        if (assertion != null && !assertion.isBlank()) {
            return new CompletePortalMfaSignInUseCase.Command(mfaToken, null, null, assertion, clientAddress,
                    openIdConnect);
        }
        String answer = typed == null ? "" : typed.strip();
        boolean totp = answer.replace(" ", "").matches("[0-9]{6}");
        return new CompletePortalMfaSignInUseCase.Command(mfaToken, totp ? answer : null, totp ? null : answer,
                clientAddress, openIdConnect);
    }

    /** The message for a wrong answer on the second page: the code's, or the passkey's. */
    static String wrongAnswerKey(String assertion) {
        return assertion != null && !assertion.isBlank() ? "passkey.mfa.failed" : "portal.mfa.wrong";
    }

    private Response secondPage(int status, String lang, String mfaToken, String redirectUrl, String errorKey,
                                boolean passkey) {
        String page = html.mfaForm(lang, "/" + lang + "/user/signin/mfa", mfaToken, redirectField(redirectUrl),
                errorKey, passkey ? "/" + lang + "/user/signin/mfa/passkey/options" : null);
        return (passkey ? pages.responseWithScript(status, page) : pages.response(status, page)).build();
    }

    private static String redirectField(String redirectUrl) {
        return redirectUrl == null ? "" : "  <input type=\"hidden\" name=\"redirectUrl\" value=\""
                + Pages.escape(redirectUrl) + "\">\n";
    }

    @POST
    @Path("/user/signout")
    public Response signOut(@PathParam("lang") String lang, @HeaderParam("Origin") String origin,
                            @HeaderParam("Sec-Fetch-Site") String fetchSite,
                            @CookieParam(SESSION_COOKIE) String session) {
        if (!formOrigin.accepts(origin, fetchSite)) {
            return pages.response(403, html.notice(lang, "portal.signout", "form.otherSite")).build();
        }
        signOutOfPortal.signOut(session);
        return seeOther(home(lang) + "?info=signedout").cookie(cookie("", 0)).build();
    }

    private Response startSession(PortalLogin login, String target) {
        int maxAge = (int) Math.max(0, Duration.between(clock.instant(), login.expiresAt()).toSeconds());
        Response.ResponseBuilder response = seeOther(target).cookie(cookie(login.sessionSecret(), maxAge));
        if (login.deviceToken() != null) {
            response.cookie(cookie(DEVICE_COOKIE, login.deviceToken(), DEVICE_COOKIE_MAX_AGE));
        }
        return response.build();
    }

    private NewCookie cookie(String value, int maxAge) {
        return cookie(SESSION_COOKIE, value, maxAge);
    }

    private NewCookie cookie(String name, String value, int maxAge) {
        return new NewCookie.Builder(name).value(value).path("/").maxAge(maxAge)
                .expiry(maxAge == 0 ? new Date(0) : null)
                .httpOnly(true).secure(formOrigin.isHttps()).sameSite(NewCookie.SameSite.LAX).build();
    }


    /** The text a redirect back to the sign-in page asks for, by its {@code error} or {@code info}. */
    private static String messageKey(String error, String info) {
        if (error != null) {
            return switch (error) {
                case "link", "credentials", "throttled", "mfa" -> "portal.error." + error;
                default -> null;
            };
        }
        return "signedout".equals(info) ? "portal.info.signedout" : null;
    }

    static String home(String lang) {
        return "/" + lang + "/";
    }

    private Response.ResponseBuilder seeOther(String location) {
        return pages.withHeaders(Response.seeOther(URI.create(location)));
    }
}
