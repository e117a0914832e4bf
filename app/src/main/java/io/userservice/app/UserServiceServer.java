package io.userservice.app;

import io.userservice.core.domain.Email;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.ManagedByDirectoryException;
import io.userservice.core.port.KeyEncryptionException;
import io.userservice.core.port.in.EnsureAdminUseCase;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.service.CachedAccountState;
import io.userservice.core.port.out.UserNotifier;
import io.userservice.core.outbox.MailDispatcher;
import io.userservice.core.outbox.WebhookDispatcher;
import io.userservice.core.crypto.WebAuthn4jPasskeyVerifier;
import io.userservice.core.service.UserServiceCore;
import io.userservice.jdbc.JdbcSettings;
import io.userservice.jdbc.JdbcStores;
import io.userservice.mail.MailNotifiers;
import io.userservice.mail.MailSettings;
import io.userservice.mail.MailTemplates;
import io.userservice.rest.RequestIds;
import io.userservice.rest.UserServiceRestFeature;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.crypto.JoseAccessTokens;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.jetty.JettyHttpContainer;
import org.glassfish.jersey.jetty.JettyHttpContainerFactory;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every adapter and the core by hand, top to bottom, and serves the
 * HTTP API. Mail leaves through the outbox in the database: the core's dispatcher runs in the
 * background and delivers over SMTP (or to the log). Closing it stops the server, then the
 * dispatcher (mails not yet sent stay in the outbox for the next start), and closes the pool.
 */
public final class UserServiceServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UserServiceServer.class);
    private static final int HTTP_MIN_THREADS = 4;

    private final JdbcStores database;
    private final Directories directories;
    private final MailDispatcher mailDispatcher;
    private final WebhookDispatcher webhookDispatcher;
    private final Server http;
    private final ManagementServer management;
    private final Housekeeping housekeeping;
    private final Metrics metering;

    private UserServiceServer(JdbcStores database, Directories directories, MailDispatcher mailDispatcher,
                              WebhookDispatcher webhookDispatcher, Server http, ManagementServer management,
                              Housekeeping housekeeping, Metrics metering) {
        this.housekeeping = housekeeping;
        this.metering = metering;
        this.database = database;
        this.directories = directories;
        this.mailDispatcher = mailDispatcher;
        this.webhookDispatcher = webhookDispatcher;
        this.http = http;
        this.management = management;
    }

    /** Starts the server with the performance limits of its configuration. */
    public static UserServiceServer start(AppConfig config) {
        return start(config, config.performance());
    }

    /** Starts the server with the default logs and purge schedule and no management listener. */
    public static UserServiceServer start(AppConfig config, PerformanceConfig limits) {
        return start(config, limits, OperationsConfig.embedded());
    }

    /** Starts the server; a bad setting surfaces as a {@link ConfigException}. */
    static UserServiceServer start(AppConfig config, PerformanceConfig limits, OperationsConfig operations) {
        return start(config, limits, operations, StartupPhases.fromNow());
    }

    /** Starts the server, timing each step of the start in {@code phases}. */
    static UserServiceServer start(AppConfig config, PerformanceConfig limits, OperationsConfig operations,
                                   StartupPhases phases) {
        if (config.mode() == AppConfig.Mode.DEVELOPMENT) {
            LOG.warn("DEVELOPMENT MODE, not for production: plain http, mail to the log and unencrypted signing"
                    + " keys are allowed. An https USERSVC_PUBLIC_URL (or USERSVC_MODE=production) enforces the"
                    + " production settings.");
        }
        JdbcStores database = JdbcStores.open(closedByTheServer(config.database()));
        phases.end("database");
        LOG.info("database {} ready", config.dbUrl());
        MailDispatcher mailDispatcher = null;
        WebhookDispatcher webhookDispatcher = null;
        Directories directories = null;
        ManagementServer management = null;
        Metrics metering = null;
        try {
            metering = operations.management() == null ? null : Metrics.of(database);
            PrometheusMeterRegistry metrics = metering == null ? null : metering.registry();
            directories = Directories.select(config, database);
            MailSettings mail = config.mailSettings();
            MailTemplates templates = config.mailTemplatesOrDefault();
            UserNotifier delivery = config.smtpHost() == null ? MailNotifiers.log(mail, templates)
                    : MailNotifiers.smtp(mail, templates);
            phases.end("directory");

            CachedAccountState copy = accountCopy(database, limits, metrics);
            ServiceState state = copy == null ? database.state() : copy.around(database.state());
            if (copy != null && config.directory().equals(Directories.BUILT_IN)) {
                directories = directories.withFront(copy::around);
            }
            JoseAccessTokens tokens = accessTokens(config, database);
            phases.end("keys");
            UserServiceCore core = core(config, directories, database, state, delivery, limits,
                    metrics == null ? ServiceObserver.none() : new MicrometerObserver(metrics), tokens);
            mailDispatcher = core.mailDispatcher();
            webhookDispatcher = core.webhookDispatcher();
            ensureBootstrapAdmin(core, config);
            phases.end("core");

            JettyHttpContainer jersey = ContainerFactory.createContainer(JettyHttpContainer.class,
                    application(config, core, database));
            phases.end("jersey");
            Server http = JettyHttpContainerFactory.createServer(
                    URI.create("http://" + config.host() + ":" + config.port() + "/"), null, jersey, false);
            configure(http, config.host(), limits.httpMaxThreads());
            http.setRequestLog(requestLog(operations.logs().accessLog(), metrics));
            http.start();
            phases.end("jetty");
            if (metrics != null) {
                management = ManagementServer.start(operations.management(), metrics, database::isHealthy);
                LOG.info("management listener (metrics, health) on {}:{}", operations.management().host(),
                        management.port());
            }
            mailDispatcher.start();
            webhookDispatcher.start();
            Housekeeping housekeeping = Housekeeping.start(core.purgeExpiredRows(), operations.purgeInterval());
            prepareInBackground(core);
            return new UserServiceServer(database, directories, mailDispatcher, webhookDispatcher, http, management,
                    housekeeping, metering);
        } catch (Exception e) {
            if (management != null) {
                management.close();
            }
            if (metering != null) {
                metering.close();
            }
            if (mailDispatcher != null) {
                mailDispatcher.close();
            }
            if (webhookDispatcher != null) {
                webhookDispatcher.close();
            }
            if (directories != null) {
                directories.close();
            }
            database.close();
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException("cannot start", e);
        }
    }

    /**
     * The core as configured, over the configured directory and the state in {@code database};
     * the server and the command line build it alike. Signing keys that the configured
     * key-encryption key cannot open, and a directory that refuses its settings, are a
     * {@link ConfigException}.
     */
    static UserServiceCore core(AppConfig config, Directories directories, JdbcStores database, UserNotifier notifier) {
        return core(config, directories, database, notifier, config.performance());
    }

    static UserServiceCore core(AppConfig config, Directories directories, JdbcStores database, UserNotifier notifier,
                                PerformanceConfig limits) {
        return core(config, directories, database, notifier, limits, ServiceObserver.none());
    }

    static UserServiceCore core(AppConfig config, Directories directories, JdbcStores database, UserNotifier notifier,
                                PerformanceConfig limits, ServiceObserver observer) {
        return core(config, directories, database, database.state(), notifier, limits, observer,
                accessTokens(config, database));
    }

    /**
     * The RS256 access tokens over the stored signing keys, which are loaded here (or, on an empty
     * database, the first one made): the start times this step on its own. Keys that the configured
     * key-encryption key cannot open are a {@link ConfigException}.
     */
    static JoseAccessTokens accessTokens(AppConfig config, JdbcStores database) {
        CoreSettings settings = config.coreSettings();
        // the longest lifetime of any token issued, as the core's builder computes it for its own tokens
        Duration longestLifetime = settings.accessTokenTtl().compareTo(settings.portalTokenMaxLifetime()) > 0
                ? settings.accessTokenTtl() : settings.portalTokenMaxLifetime();
        try {
            return new JoseAccessTokens(database.state().signingKeys(), Clock.systemUTC(), config.issuer(),
                    config.audience(), config.keyEncryption(), longestLifetime);
        } catch (KeyEncryptionException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /**
     * This instance's copy of users' account state and built-in directory entries, kept current by
     * the database's change feed (closed with the database); {@code null} when
     * {@code USERSVC_STATE_CACHE_SIZE} is 0.
     */
    private static CachedAccountState accountCopy(JdbcStores database, PerformanceConfig limits,
                                                  PrometheusMeterRegistry metrics) {
        if (limits.stateCacheSize() == 0) {
            return null;
        }
        Clock clock = Clock.systemUTC();
        CachedAccountState copy = new CachedAccountState(database.state().accounts(), limits.stateCacheSize(),
                limits.stateCacheMaxLag(), clock);
        database.accountStateFeed(limits.stateCachePoll(), clock).start(copy);
        if (metrics != null) {
            StateCacheMetrics.register(metrics, copy);
        }
        return copy;
    }

    private static UserServiceCore core(AppConfig config, Directories directories, JdbcStores database,
                                        ServiceState state, UserNotifier notifier, PerformanceConfig limits,
                                        ServiceObserver observer, JoseAccessTokens tokens) {
        try {
            return UserServiceCore.builder(config.coreSettings(), directories.factory(), state, notifier)
                    .accessTokens(tokens, tokens)
                    .signingKeyManager(tokens)
                    .deviceTokens(tokens.deviceTokens())
                    .oidcTokens(tokens.oidcTokens())
                    .oidcState(database.oidcState())
                    // the relying party is the public URL: its host the RP id, its origin the only one accepted
                    .passkeys(database.passkeyState(),
                            new WebAuthn4jPasskeyVerifier(java.net.URI.create(config.publicUrl())))
                    .passkeyRpName(config.branding().productName())
                    .requestIds(RequestIds::current)
                    .observer(observer)
                    .bcryptCost(config.bcryptCost())
                    .tokenIssuerAndAudience(config.issuer(), config.audience())
                    .keyEncryption(config.keyEncryption())
                    .outbox(config.outboxSettings())
                    .webhooks(config.webhookSettings())
                    .webhookSender(new HttpWebhookSender(config.webhookSettings().allowInternal()))
                    .throttling(config.throttling())
                    .passwordHashingLimit(limits.hashConcurrency(), limits.hashQueue())
                    .verifiedTokenCache(limits.tokenCacheMaxAge(), limits.tokenCacheSize())
                    .build();
        } catch (KeyEncryptionException e) {
            throw new ConfigException(e.getMessage());
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().contains("holds the state of the users of directory")) {
                throw new ConfigException("USERSVC_DIRECTORY: " + e.getMessage());
            }
            throw e;
        }
    }

    /**
     * Does, on a thread of its own once the server listens, what only some requests need and the
     * start need not wait for: the password checks' reference time ({@link UserServiceCore#prepare()})
     * and the passkey checks (webauthn4j). A request that comes first does its part itself.
     */
    private static void prepareInBackground(UserServiceCore core) {
        Thread thread = new Thread(() -> {
            try {
                core.prepare();
            } catch (RuntimeException e) {
                LOG.warn("password checks not calibrated: {}", e.toString());
            }
            try {
                WebAuthn4jPasskeyVerifier.prepare();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("passkey checks not prepared: {}", e.toString());
            }
        }, "user-service-prepare");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The Jersey application: the REST feature and the Jetty bridges, nothing Jersey would find by itself.
     * Auto-discovery and the {@code META-INF/services} lookup are off (every provider is registered
     * by the feature, and the lookup would add a second JSON provider with Jackson's default
     * mapper), as is bean validation, which no resource uses.
     */
    private static ResourceConfig application(AppConfig config, UserServiceCore core, JdbcStores database) {
        return new ResourceConfig()
                .property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true)
                .property(CommonProperties.METAINF_SERVICES_LOOKUP_DISABLE, true)
                .property(ServerProperties.BV_FEATURE_DISABLE, true)
                .register(new UserServiceRestFeature(core, database::isHealthy, config.maxBodyBytes(),
                        config.publicUrl(), Clock.systemUTC()).withCorsOrigins(config.cors())
                        .withBranding(config.branding()).withPageTexts(config.pageTexts()))
                .register(new JettyClientAddressFilter(config.proxies()))
                .register(new JettyRequestBridge());
    }

    /** The access log and the HTTP metrics, each when wanted. */
    private static RequestLog requestLog(boolean accessLog, PrometheusMeterRegistry metrics) {
        List<RequestLog> logs = new ArrayList<>();
        if (accessLog) {
            logs.add(new AccessLog());
        }
        if (metrics != null) {
            logs.add(new HttpMetrics(metrics));
        }
        return logs.isEmpty() ? null : logs.size() == 1 ? logs.get(0) : new RequestLog.Collection(logs.toArray(RequestLog[]::new));
    }

    /**
     * {@code settings} with an embedded H2 database left open when the JVM begins to exit, unless the
     * URL says otherwise: H2 closes a database at exit by itself, which on SIGTERM would happen while
     * the server still finishes the requests it has, and while its background work still reads.
     * The server closes the database itself, last ({@link #close}).
     */
    static JdbcSettings closedByTheServer(JdbcSettings settings) {
        String url = settings.url();
        if (!url.regionMatches(true, 0, "jdbc:h2:", 0, "jdbc:h2:".length())
                || url.toUpperCase(Locale.ROOT).contains("DB_CLOSE_ON_EXIT")) {
            return settings;
        }
        return new JdbcSettings(url + ";DB_CLOSE_ON_EXIT=FALSE", settings.user(), settings.password(),
                settings.maxPoolSize());
    }

    /** The management listener's port, when {@code serve} opened one. */
    OptionalInt managementPort() {
        return management == null ? OptionalInt.empty() : OptionalInt.of(management.port());
    }

    /** The port the server listens on (useful when it was started on port 0). */
    public int port() {
        return ((ServerConnector) http.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            LOG.warn("HTTP server did not stop cleanly: {}", e.toString());
        }
        if (management != null) {
            management.close();
        }
        if (metering != null) {
            metering.close();
        }
        housekeeping.close();
        mailDispatcher.close();
        webhookDispatcher.close();
        directories.close();
        database.close();
        LOG.info("User Service stopped");
    }

    private static void ensureBootstrapAdmin(UserServiceCore core, AppConfig config) {
        if (config.bootstrapAdminEmail() == null) {
            return;
        }
        Email email;
        try {
            email = Email.of(config.bootstrapAdminEmail());
        } catch (InvalidInputException e) {
            throw new ConfigException("USERSVC_BOOTSTRAP_ADMIN_EMAIL is not a valid email address");
        }
        try {
            var admin = core.ensureAdmin().ensure(new EnsureAdminUseCase.Command(email, config.bootstrapAdminPassword()));
            if (admin.roles().stream().noneMatch(r -> r.name().equals("admin"))) {
                LOG.warn("bootstrap admin {} exists without role admin; left unchanged", email);
            }
        } catch (InvalidInputException e) {
            throw new ConfigException("USERSVC_BOOTSTRAP_ADMIN_PASSWORD: " + e.getMessage());
        } catch (ManagedByDirectoryException e) {
            throw new ConfigException("USERSVC_BOOTSTRAP_ADMIN_EMAIL: " + email + " is not in the user directory,"
                    + " which does not take new users; grant admin to an existing user with `role grant`");
        }
    }

    private static void configure(Server http, String host, int maxThreads) {
        http.setStopTimeout(5_000);
        http.setErrorHandler(new JsonErrorHandler());
        http.setHandler(new LingeringClose(new RequestIdHandler(new MalformedUriGuard(new JettyRequestOfThread(http.getHandler())))));
        if (http.getThreadPool() instanceof QueuedThreadPool pool) {
            pool.setName("user-service-http");
            pool.setMinThreads(HTTP_MIN_THREADS);
            pool.setMaxThreads(maxThreads);
        }
        for (var connector : http.getConnectors()) {
            if (connector instanceof ServerConnector server) {
                server.setHost(host);
                server.getConnectionFactories().forEach(factory -> {
                    if (factory instanceof org.eclipse.jetty.server.HttpConnectionFactory httpFactory) {
                        httpFactory.getHttpConfiguration().setSendServerVersion(false);
                        httpFactory.getHttpConfiguration().setSendXPoweredBy(false);
                    }
                });
            }
        }
    }
}
