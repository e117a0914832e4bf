package io.userservice.rest;

import io.userservice.core.port.in.UseCases;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The native User Service API as one Jersey {@link Feature}: register it with any Jersey
 * application to serve the endpoints over the given core.
 */
public final class UserServiceRestFeature implements Feature {

    /** Request bodies above this many bytes are refused with 413 unless configured otherwise. */
    public static final long DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    private final UseCases core;
    private final BooleanSupplier storeIsReady;
    private final long maxBodyBytes;
    private final Clock clock;
    private final FormOrigin formOrigin;
    private final String publicUrl;
    private final CorsOrigins corsOrigins;
    private final Branding branding;
    private final PageTexts pageTexts;

    /**
     * Without a public URL the hosted pages accept no form post (there is no origin to check
     * them against); use the constructor with a public URL to serve them.
     *
     * @param core         the wired core
     * @param storeIsReady answers {@code GET /health/ready}: whether the user store responds
     * @param maxBodyBytes the largest accepted request body
     */
    public UserServiceRestFeature(UseCases core, BooleanSupplier storeIsReady, long maxBodyBytes) {
        this(core, storeIsReady, maxBodyBytes, null, Clock.systemUTC());
    }

    /**
     * @param publicUrl the address users reach the service at; its origin is the only one the
     *                  portal's forms accept, and an {@code https} URL makes its cookie Secure
     */
    public UserServiceRestFeature(UseCases core, BooleanSupplier storeIsReady, long maxBodyBytes,
                                  String publicUrl, Clock clock) {
        this(core, storeIsReady, maxBodyBytes, publicUrl, clock, CorsOrigins.none(), Branding.defaults(),
                PageTexts.builtIn());
    }

    private UserServiceRestFeature(UseCases core, BooleanSupplier storeIsReady, long maxBodyBytes,
                                   String publicUrl, Clock clock, CorsOrigins corsOrigins, Branding branding,
                                   PageTexts pageTexts) {
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024");
        }
        this.core = Objects.requireNonNull(core);
        this.storeIsReady = Objects.requireNonNull(storeIsReady);
        this.maxBodyBytes = maxBodyBytes;
        this.clock = Objects.requireNonNull(clock);
        this.formOrigin = FormOrigin.of(publicUrl);
        this.publicUrl = publicUrl;
        this.corsOrigins = Objects.requireNonNull(corsOrigins);
        this.branding = Objects.requireNonNull(branding);
        this.pageTexts = Objects.requireNonNull(pageTexts);
    }

    /**
     * The same feature answering cross-origin requests from these origins; without any (the
     * default) no response carries a CORS header.
     */
    public UserServiceRestFeature withCorsOrigins(CorsOrigins origins) {
        return new UserServiceRestFeature(core, storeIsReady, maxBodyBytes, publicUrl, clock, origins, branding,
                pageTexts);
    }

    /** The same feature with the hosted pages in the operator's product name, logo, colour and theme. */
    public UserServiceRestFeature withBranding(Branding value) {
        return new UserServiceRestFeature(core, storeIsReady, maxBodyBytes, publicUrl, clock, corsOrigins, value,
                pageTexts);
    }

    /** The same feature with the hosted pages' words from these texts (see {@link PageTexts}). */
    public UserServiceRestFeature withPageTexts(PageTexts value) {
        return new UserServiceRestFeature(core, storeIsReady, maxBodyBytes, publicUrl, clock, corsOrigins, branding,
                value);
    }


    @Override
    public boolean configure(FeatureContext context) {
        context.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        context.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        context.register(Json.provider());

        context.register(new RequestIdFilter());
        context.register(new BodyLimitFilter(maxBodyBytes));
        context.register(new QueryTokenFilter());
        context.register(new BearerAuthFilter(core.authenticate()));
        context.register(new ResponseHeadersFilter());
        context.register(new WholeBodyInterceptor());
        if (!corsOrigins.isEmpty()) {
            context.register(new CorsFilter(corsOrigins));
        }

        context.register(new AuthenticationExceptionMapper());
        context.register(new InvalidInputExceptionMapper());
        context.register(new TooManyRequestsExceptionMapper());
        context.register(new MfaRequiredExceptionMapper());
        context.register(new DomainExceptionMapper());
        context.register(new StoreUnavailableExceptionMapper());
        context.register(new TooBusyExceptionMapper());
        context.register(new JsonExceptionMapper());
        context.register(new WebApplicationExceptionMapper());
        context.register(new UnexpectedExceptionMapper());

        Pages pages = new Pages(branding, pageTexts);
        NexudusCallers callers = new NexudusCallers(core.authenticate(), core.verifyCredentials());
        NexudusPasswordReset reset = new NexudusPasswordReset(core.userExists(), core.requestPasswordReset());
        List<Object> resources = new ArrayList<>();
        resources.add(new HealthResource(storeIsReady));
        resources.add(new UsersResource(core.register(), core.confirmEmail(), core.requestPasswordReset(),
                core.completePasswordReset()));
        resources.add(new AuthResource(core.logIn(), core.completeMfaSignIn(), core.refreshTokens(), core.logOut(),
                clock));
        resources.add(new MfaResource(core.enrolTotp(), core.confirmTotp(), core.disableTotp(),
                core.renewRecoveryCodes(), core.mfaStatus(), branding.productName()));
        resources.add(new AdminMfaResource(core.resetMfa()));
        resources.add(new CurrentUserResource(core.getProfile(), core.updateName(),
                core.listAttributes(), core.setAttribute(), core.deleteAttribute()));
        resources.add(new AccountResource(core.changePassword(), core.changeEmail(), core.confirmEmailChange(),
                core.listSessions(), core.endSessions(), core.exportAccount(), core.deleteAccount(), clock));
        resources.add(new PasskeysResource(core.registerPasskey(), core.managePasskeys()));
        resources.add(new PasskeySignInResource(core.signInWithPasskey(), clock));
        resources.add(new JwksResource(core.publishKeys()));
        resources.add(new SysUsersResource(core.issuePortalToken(), core.verifyCredentials(), reset));
        resources.add(new PortalResource(core.redeemPortalToken(), core.signInToPortal(), core.currentPortalUser(),
                core.signOutOfPortal(), core.completePortalMfaSignIn(), formOrigin, clock, pages));
        resources.add(new PortalAccountResource(core.currentPortalUser(), core.signOutOfPortal(), core.changePassword(),
                core.listSessions(), core.endSessions(), core.deleteAccount(), core.passwordPolicy(), formOrigin, pages));
        resources.add(new PortalPasskeysResource(core.signInWithPasskey(), core.registerPasskey(),
                core.managePasskeys(), core.currentPortalUser(), formOrigin, clock, pages));
        resources.add(new AccountPagesResource(core.confirmEmail(), core.completePasswordReset(),
                core.passwordPolicy(), formOrigin, pages));
        resources.add(new EmailChangePagesResource(core.confirmEmailChange(), formOrigin, pages));
        resources.add(new ForgotPasswordResource(core.requestPasswordReset(), formOrigin, pages));
        resources.add(new AssetsResource(pages));
        resources.add(new ImpersonationResource(core.impersonate(), callers));
        resources.add(new AdminUsersResource(core.searchUsers(), core.userDetails(), core.updateUser(),
                core.deleteAccount(), core.sendPasswordReset(), core.listSessions(), core.endSessions()));
        resources.add(new AdminResource(core.deactivateUser(), core.auditEvents(), core.changeRole()));
        resources.add(new OidcDiscoveryResource(core.issuer(), publicUrl == null ? core.issuer() : publicUrl));
        resources.add(new OidcResource(core.authorize(), core.signInToPortal(), core.completePortalMfaSignIn(),
                core.signInWithPasskey(),
                core.endSession(), formOrigin, clock,
                pages, pageTexts.languages()));
        resources.add(new OidcEndpointsResource(core.oidcToken(), core.oidcTokenInfo()));
        resources.add(new AdminClientsResource(core.manageClients()));
        resources.add(new WebhooksResource(core.administerWebhooks()));
        resources.add(new NexudusUserResource(core.getUser(), core.mintPortalToken(), core.userExists(), callers,
                reset));
        resources.forEach(context::register);
        context.register(new DocsResource());
        context.register(new OpenApiResource(resources.stream().<Class<?>>map(Object::getClass).toList(), publicUrl));
        return true;
    }
}
