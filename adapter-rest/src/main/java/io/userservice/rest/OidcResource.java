package io.userservice.rest;

import io.userservice.core.domain.AuthenticationException;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.InvalidMfaCodeException;
import io.userservice.core.domain.MfaRequiredException;
import io.userservice.core.port.in.CompletePortalMfaSignInUseCase;
import io.userservice.core.domain.AuthorizationRequestException;
import io.userservice.core.domain.EmailNotConfirmedException;
import io.userservice.core.domain.TooManyRequestsException;
import io.userservice.core.domain.UserServiceException;
import io.userservice.core.port.in.AuthorizeUseCase;
import io.userservice.core.port.in.EndSessionUseCase;
import io.userservice.core.port.in.PortalLogin;
import io.userservice.core.port.in.SignInToPortalUseCase;
import io.userservice.core.port.in.SignInWithPasskeyUseCase;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The OpenID Connect provider's browser side: the authorization endpoint with its sign-in and
 * consent pages, and RP-initiated logout. The sign-in is the portal's (same throttle, audit and
 * session cookie), so signing in here signs in to the portal and the other way round. The sign-in
 * page takes a password (then a code or passkey on a second page for an account with two-factor
 * authentication on) or a passkey alone, whose challenge is bound to the request on the page.
 */
@Path(OidcResource.ROOT)
@Produces(MediaType.TEXT_HTML)
public final class OidcResource {

    static final String ROOT = "/oidc";
    static final String AUTHORIZE = ROOT + "/authorize";
    static final String SIGN_IN = AUTHORIZE + "/signin";
    static final String SIGN_IN_MFA = SIGN_IN + "/mfa";
    static final String SIGN_IN_PASSKEY = SIGN_IN + "/passkey";
    static final String PASSKEY_OPTIONS = AUTHORIZE + "/passkey/options";
    static final String SIGN_IN_MFA_PASSKEY_OPTIONS = SIGN_IN_MFA + "/passkey/options";
    /** The passkey form's field for the assertion. */
    static final String CREDENTIAL_FIELD = "credential";
    static final String CONSENT = AUTHORIZE + "/consent";
    static final String LOGOUT = ROOT + "/logout";
    /** The parameters of an authorization request that the pages carry from step to step. */
    private static final List<String> REQUEST_PARAMETERS = List.of("response_type", "client_id", "redirect_uri",
            "scope", "state", "nonce", "code_challenge", "code_challenge_method", "prompt", "max_age", "login_hint",
            "ui_locales", "id_token_hint", "response_mode", "display", "request", "request_uri");
    private static final List<String> LOGOUT_PARAMETERS = List.of("id_token_hint", "client_id",
            "post_logout_redirect_uri", "state", "ui_locales");
    private static final int DEVICE_COOKIE_MAX_AGE = (int) Duration.ofDays(90).toSeconds();

    private final AuthorizeUseCase authorize;
    private final SignInToPortalUseCase signIn;
    private final EndSessionUseCase endSession;
    private final FormOrigin formOrigin;
    private final Clock clock;
    private final Pages pages;
    private final OidcPages html;
    private final PortalPages portalHtml;
    private final Set<String> languages;
    private final CompletePortalMfaSignInUseCase completeMfa;
    private final SignInWithPasskeyUseCase passkeySignIn;

    OidcResource(AuthorizeUseCase authorize, SignInToPortalUseCase signIn, CompletePortalMfaSignInUseCase completeMfa,
                 SignInWithPasskeyUseCase passkeySignIn, EndSessionUseCase endSession, FormOrigin formOrigin,
                 Clock clock, Pages pages, Set<String> languages) {
        this.authorize = authorize;
        this.signIn = signIn;
        this.passkeySignIn = passkeySignIn;
        this.completeMfa = completeMfa;
        this.portalHtml = new PortalPages(pages);
        this.endSession = endSession;
        this.formOrigin = formOrigin;
        this.clock = clock;
        this.pages = pages;
        this.html = new OidcPages(pages);
        this.languages = languages;
    }

    @GET
    @Path("/authorize")
    public Response authorizeByGet(@Context UriInfo uri, @CookieParam(PortalResource.SESSION_COOKIE) String session,
                                   @Context ContainerRequestContext request) {
        return decide(uri.getQueryParameters(), session, false, null, request, null);
    }

    /** OpenID Connect Core §3.1.2.1: the request may also come as a form post. */
    @POST
    @Path("/authorize")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response authorizeByPost(MultivaluedMap<String, String> form,
                                    @CookieParam(PortalResource.SESSION_COOKIE) String session,
                                    @Context ContainerRequestContext request) {
        return decide(form, session, false, null, request, null);
    }

    @POST
    @Path("/authorize/signin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(MultivaluedMap<String, String> form, @HeaderParam("Origin") String origin,
                           @HeaderParam("Sec-Fetch-Site") String fetchSite,
                           @CookieParam(PortalResource.DEVICE_COOKIE) String device,
                           @Context ContainerRequestContext request) {
        Map<String, List<String>> params = requestParameters(form);
        String lang = language(params);
        if (!formOrigin.accepts(origin, fetchSite)) {
            return pages.response(403, html.error(lang, "form.otherSite")).build();
        }
        String email = form.getFirst("email");
        PortalLogin login;
        try {
            login = signIn.signIn(new SignInToPortalUseCase.Command(email, form.getFirst("password"),
                    ClientAddress.of(request), device, true));
        } catch (MfaRequiredException e) {
            return secondPage(200, lang, e.mfaToken(), params, null,
                    e.methods().contains(PortalResource.PASSKEY_METHOD));
        } catch (AuthenticationException | EmailNotConfirmedException e) {
            return signInAgain(params, email, "portal.error.credentials", 401, request);
        } catch (TooManyRequestsException e) {
            return throttled(params, email, e, request);
        }
        return decide(params, login.sessionSecret(), true, null, request, login);
    }

    /** The second page of the sign-in, for an account with two-factor authentication on. */
    @POST
    @Path("/authorize/signin/mfa")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signInMfa(MultivaluedMap<String, String> form, @HeaderParam("Origin") String origin,
                              @HeaderParam("Sec-Fetch-Site") String fetchSite,
                              @Context ContainerRequestContext request) {
        Map<String, List<String>> params = requestParameters(form);
        String lang = language(params);
        if (!formOrigin.accepts(origin, fetchSite)) {
            return pages.response(403, html.error(lang, "form.otherSite")).build();
        }
        String mfaToken = form.getFirst("mfaToken");
        String assertion = form.getFirst(PortalPages.MFA_PASSKEY_FIELD);
        PortalLogin login;
        try {
            login = completeMfa.complete(PortalResource.mfaCommand(mfaToken, form.getFirst("code"), assertion,
                    ClientAddress.of(request), true));
        } catch (InvalidMfaCodeException e) {
            return secondPage(401, lang, mfaToken, params, PortalResource.wrongAnswerKey(assertion),
                    form.containsKey(PortalPages.MFA_PASSKEY_FIELD));
        } catch (AuthenticationException | InvalidInputException e) {
            return signInAgain(params, null, "portal.error.mfa", 401, request);
        } catch (TooManyRequestsException e) {
            return throttled(params, null, e, request);
        }
        return decide(params, login.sessionSecret(), true, null, request, login);
    }

    /**
     * The request options for the sign-in page's passkey button. The body is the page's hidden
     * fields, the authorization request itself: it must still be one to sign in for, and the
     * challenge is bound to it, so the assertion answers this request and no other.
     */
    @POST
    @Path("/authorize/passkey/options")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response passkeyOptions(Map<String, String> body, @HeaderParam("Origin") String origin,
                                   @HeaderParam("Sec-Fetch-Site") String fetchSite,
                                   @Context ContainerRequestContext request) {
        if (!formOrigin.accepts(origin, fetchSite)) {
            return ErrorBody.response(403, "other_site", "This request did not come from this site's own pages.")
                    .build();
        }
        ApiErrors.requireBody(body);
        Map<String, List<String>> fields = new LinkedHashMap<>();
        body.forEach((name, value) -> {
            if (value != null) {
                fields.put(name, List.of(value));
            }
        });
        Map<String, List<String>> params = requestParameters(fields);
        if (!awaitsSignIn(params, request)) {
            return ErrorBody.response(400, "invalid_request",
                    "This is not a sign-in for an authorization request in progress.").build();
        }
        return Response.ok(PasskeyJson.RequestOptions.of(passkeySignIn.options(new SignInWithPasskeyUseCase
                .OptionsCommand(null, ClientAddress.of(request), bindingOf(params)))), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    /**
     * The passkey sign-in, posted by the sign-in page's passkey form: the assertion must answer a
     * challenge issued for this very request. It then goes on as a password sign-in does: the
     * browser session, then consent or the redirect with the code.
     */
    @POST
    @Path("/authorize/signin/passkey")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signInWithPasskey(MultivaluedMap<String, String> form, @HeaderParam("Origin") String origin,
                                      @HeaderParam("Sec-Fetch-Site") String fetchSite,
                                      @Context ContainerRequestContext request) {
        Map<String, List<String>> params = requestParameters(form);
        String lang = language(params);
        if (!formOrigin.accepts(origin, fetchSite)) {
            return pages.response(403, html.error(lang, "form.otherSite")).build();
        }
        if (!awaitsSignIn(params, request)) {
            return signInAgain(params, null, "passkey.signin.failed", 400, request);
        }
        PortalLogin login;
        try {
            login = passkeySignIn.signInToPortal(new SignInWithPasskeyUseCase.Command(form.getFirst(CREDENTIAL_FIELD),
                    AccountResource.client(request), bindingOf(params)));
        } catch (TooManyRequestsException e) {
            return throttled(params, null, e, request);
        } catch (UserServiceException e) {
            return signInAgain(params, null, "passkey.signin.failed", 401, request);
        }
        return decide(params, login.sessionSecret(), true, null, request, login);
    }

    /** The options for answering the second page with a passkey (JSON, for the page's script). */
    @POST
    @Path("/authorize/signin/mfa/passkey/options")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response mfaPasskeyOptions(PortalResource.MfaOptionsRequest body, @HeaderParam("Origin") String origin,
                                      @HeaderParam("Sec-Fetch-Site") String fetchSite,
                                      @Context ContainerRequestContext request) {
        return PortalResource.mfaPasskeyOptions(completeMfa, formOrigin, body, origin, fetchSite, request, true);
    }

    /** Whether the request is a valid one that waits for a sign-in (as the sign-in page showed it). */
    private boolean awaitsSignIn(Map<String, List<String>> params, ContainerRequestContext request) {
        try {
            return authorize.authorize(new AuthorizeUseCase.Command(params, null, false, null,
                    ClientAddress.of(request))) instanceof AuthorizeUseCase.SignInRequired;
        } catch (AuthorizationRequestException e) {
            return false;
        }
    }

    /**
     * What a passkey challenge of the sign-in page is bound to: the whole authorization request, in
     * one order and one encoding, so a challenge issued for one request answers no other.
     */
    static String bindingOf(Map<String, List<String>> params) {
        StringBuilder binding = new StringBuilder("oidc-authorization");
        new TreeMap<>(params).forEach((name, values) -> values.forEach(value -> binding.append('&')
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8))));
        return binding.toString();
    }

    private Response secondPage(int status, String lang, String mfaToken, Map<String, List<String>> params,
                                String errorKey, boolean passkey) {
        return pages.responseWithScript(status, portalHtml.mfaForm(lang, SIGN_IN_MFA, mfaToken, hidden(params),
                errorKey, passkey ? SIGN_IN_MFA_PASSKEY_OPTIONS : null), redirectUriOf(params)).build();
    }

    /** The request's own parameters as hidden fields of a form. */
    private static String hidden(Map<String, List<String>> params) {
        StringBuilder fields = new StringBuilder();
        params.forEach((name, values) -> values.forEach(value -> fields.append("  <input type=\"hidden\" name=\"")
                .append(Pages.escape(name)).append("\" value=\"").append(Pages.escape(value)).append("\">\n")));
        return fields.toString();
    }

    @POST
    @Path("/authorize/consent")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response consent(MultivaluedMap<String, String> form, @HeaderParam("Origin") String origin,
                            @HeaderParam("Sec-Fetch-Site") String fetchSite,
                            @CookieParam(PortalResource.SESSION_COOKIE) String session,
                            @Context ContainerRequestContext request) {
        Map<String, List<String>> params = requestParameters(form);
        if (!formOrigin.accepts(origin, fetchSite)) {
            return pages.response(403, html.error(language(params), "form.otherSite")).build();
        }
        boolean allowed = "allow".equals(form.getFirst("decision"));
        return decide(params, session, true, allowed, request, null);
    }

    @GET
    @Path("/logout")
    public Response logoutByGet(@Context UriInfo uri, @Context ContainerRequestContext request) {
        return confirmLogout(logoutParameters(uri.getQueryParameters()));
    }

    /**
     * A logout posted by this service's own confirmation page ends the session; one posted from
     * anywhere else (a relying party may post its logout request) gets the confirmation page.
     */
    @POST
    @Path("/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logoutByPost(MultivaluedMap<String, String> form, @HeaderParam("Origin") String origin,
                                 @HeaderParam("Sec-Fetch-Site") String fetchSite,
                                 @CookieParam(PortalResource.SESSION_COOKIE) String session,
                                 @Context ContainerRequestContext request) {
        Map<String, String> params = logoutParameters(form);
        if (!formOrigin.accepts(origin, fetchSite)) {
            return confirmLogout(params);
        }
        String lang = languageOf(params.get("ui_locales"));
        try {
            Optional<URI> target = endSession.endSession(logoutCommand(params, session, request));
            Response.ResponseBuilder response = target.map(t -> pages.withHeaders(Response.seeOther(t)))
                    .orElseGet(() -> pages.response(200, html.signedOut(lang)));
            return response.cookie(cookie(PortalResource.SESSION_COOKIE, "", 0)).build();
        } catch (AuthorizationRequestException e) {
            return pages.response(400, html.error(lang, "oidc.error.logout")).build();
        }
    }

    private Response confirmLogout(Map<String, String> params) {
        String lang = languageOf(params.get("ui_locales"));
        Optional<URI> target;
        try {
            target = endSession.check(logoutCommand(params, null, null));
        } catch (AuthorizationRequestException e) {
            return pages.response(400, html.error(lang, "oidc.error.logout")).build();
        }
        return pages.response(200, html.confirmLogout(lang, params), target.orElse(null)).build();
    }

    private static EndSessionUseCase.Command logoutCommand(Map<String, String> params, String session,
                                                           ContainerRequestContext request) {
        return new EndSessionUseCase.Command(params.get("id_token_hint"), params.get("client_id"),
                params.get("post_logout_redirect_uri"), params.get("state"), session,
                request == null ? io.userservice.core.domain.ClientAddress.unknown() : ClientAddress.of(request));
    }

    private Response decide(Map<String, List<String>> params, String session, boolean fresh, Boolean consent,
                            ContainerRequestContext request, PortalLogin login) {
        Map<String, List<String>> own = requestParameters(params);
        String lang = language(own);
        AuthorizeUseCase.Outcome outcome;
        try {
            outcome = authorize.authorize(new AuthorizeUseCase.Command(own, session, fresh, consent,
                    ClientAddress.of(request)));
        } catch (AuthorizationRequestException e) {
            return pages.response(400, html.error(lang, "invalid_client".equals(e.code())
                    ? "oidc.error.client" : "oidc.error.redirect")).build();
        }
        Response.ResponseBuilder response;
        if (outcome instanceof AuthorizeUseCase.Redirect redirect) {
            response = pages.withHeaders(Response.seeOther(redirect.location()));
        } else if (outcome instanceof AuthorizeUseCase.ConsentRequired needed) {
            response = pages.response(200, html.consent(lang, flat(own), needed.clientName(), needed.scopes()),
                    redirectUriOf(own));
        } else {
            AuthorizeUseCase.SignInRequired needed = (AuthorizeUseCase.SignInRequired) outcome;
            response = pages.responseWithScript(200, html.signIn(lang, flat(own), needed.clientName(),
                    needed.loginHint(), null), redirectUriOf(own));
        }
        if (login != null) {
            int maxAge = (int) Math.max(0, Duration.between(clock.instant(), login.expiresAt()).toSeconds());
            response.cookie(cookie(PortalResource.SESSION_COOKIE, login.sessionSecret(), maxAge));
            if (login.deviceToken() != null) {
                response.cookie(cookie(PortalResource.DEVICE_COOKIE, login.deviceToken(), DEVICE_COOKIE_MAX_AGE));
            }
        }
        return response.build();
    }

    private Response signInAgain(Map<String, List<String>> params, String email, String messageKey, int status,
                                 ContainerRequestContext request) {
        return signInAgainPage(params, email, messageKey, status, request).build();
    }

    /** The sign-in page again, with a message, as long as the request is still one to sign in for. */
    /** The sign-in page again after a throttled attempt, saying when to try again. */
    private Response throttled(Map<String, List<String>> params, String email, TooManyRequestsException e,
                               ContainerRequestContext request) {
        return signInAgainPage(params, email, "portal.error.throttled", 429, request)
                .header("Retry-After", e.retryAfter().toSeconds()).build();
    }

    private Response.ResponseBuilder signInAgainPage(Map<String, List<String>> params, String email, String messageKey,
                                                     int status, ContainerRequestContext request) {
        String lang = language(params);
        AuthorizeUseCase.Outcome outcome;
        try {
            outcome = authorize.authorize(new AuthorizeUseCase.Command(params, null, false, null,
                    ClientAddress.of(request)));
        } catch (AuthorizationRequestException e) {
            return pages.response(400, html.error(lang, "oidc.error.client"));
        }
        if (outcome instanceof AuthorizeUseCase.SignInRequired needed) {
            return pages.responseWithScript(status, html.signIn(lang, flat(params), needed.clientName(), email,
                    messageKey), redirectUriOf(params));
        }
        if (outcome instanceof AuthorizeUseCase.Redirect redirect) {
            return pages.withHeaders(Response.seeOther(redirect.location()));
        }
        return pages.response(400, html.error(lang, "oidc.error.client"));
    }

    /** The request's redirect URI; called only once the core has found it registered for the client. */
    private static URI redirectUriOf(Map<String, List<String>> params) {
        try {
            return URI.create(params.get("redirect_uri").get(0));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Only the parameters of an authorization request, each with all its values (repeats are the core's to judge). */
    private static Map<String, List<String>> requestParameters(Map<String, List<String>> all) {
        Map<String, List<String>> own = new LinkedHashMap<>();
        for (String name : REQUEST_PARAMETERS) {
            List<String> values = all.get(name);
            if (values != null && !values.isEmpty()) {
                own.put(name, List.copyOf(values));
            }
        }
        return own;
    }

    private static Map<String, String> logoutParameters(Map<String, List<String>> all) {
        Map<String, String> own = new LinkedHashMap<>();
        for (String name : LOGOUT_PARAMETERS) {
            List<String> values = all.get(name);
            if (values != null && values.size() == 1 && values.get(0) != null && !values.get(0).isEmpty()
                    && values.get(0).length() <= 4096) {
                own.put(name, values.get(0));
            }
        }
        return own;
    }

    private static Map<String, String> flat(Map<String, List<String>> params) {
        Map<String, String> flat = new LinkedHashMap<>();
        params.forEach((name, values) -> flat.put(name, values.get(0)));
        return flat;
    }

    private String language(Map<String, List<String>> params) {
        List<String> locales = params.get("ui_locales");
        return languageOf(locales == null || locales.isEmpty() ? null : locales.get(0));
    }

    /** The first of the {@code ui_locales} the pages have texts in, else English. */
    private String languageOf(String uiLocales) {
        if (uiLocales != null) {
            for (String tag : uiLocales.split(" ")) {
                if (tag.isEmpty() || tag.length() > 35 || !tag.matches("[A-Za-z0-9-]+")) {
                    continue;
                }
                String language = tag.split("-")[0].toLowerCase(java.util.Locale.ROOT);
                if (languages.contains(tag)) {
                    return tag;
                }
                if (languages.contains(language)) {
                    return language;
                }
            }
        }
        return PageTexts.DEFAULT_LANGUAGE;
    }

    private NewCookie cookie(String name, String value, int maxAge) {
        return new NewCookie.Builder(name).value(value).path("/").maxAge(maxAge)
                .expiry(maxAge == 0 ? new Date(0) : null)
                .httpOnly(true).secure(formOrigin.isHttps()).sameSite(NewCookie.SameSite.LAX).build();
    }
}
