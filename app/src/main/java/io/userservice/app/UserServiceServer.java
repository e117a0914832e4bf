package io.userservice.app;

import com.sun.net.httpserver.HttpServer;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.port.in.EnsureAdminUseCase;
import io.userservice.core.port.out.UserNotifier;
import io.userservice.core.service.UserServiceCore;
import io.userservice.jdbc.JdbcSettings;
import io.userservice.jdbc.JdbcStores;
import io.userservice.mail.AsyncUserNotifier;
import io.userservice.mail.MailNotifiers;
import io.userservice.mail.MailSettings;
import io.userservice.rest.UserServiceRestFeature;
import java.net.URI;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every adapter and the core by hand, top to bottom, and serves the
 * HTTP API. Closing it stops the server, delivers queued mail and closes the database pool.
 */
public final class UserServiceServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UserServiceServer.class);
    private static final int MAIL_QUEUE_CAPACITY = 1000;
    private static final int HTTP_THREADS = 32;
    private static final int HTTP_QUEUE_CAPACITY = 2000;

    private final JdbcStores database;
    private final AsyncUserNotifier notifier;
    private final HttpServer http;
    private final ThreadPoolExecutor httpThreads;

    private UserServiceServer(JdbcStores database, AsyncUserNotifier notifier, HttpServer http,
                              ThreadPoolExecutor httpThreads) {
        this.database = database;
        this.notifier = notifier;
        this.http = http;
        this.httpThreads = httpThreads;
    }

    /** Starts the server; a bad setting surfaces as a {@link ConfigException}. */
    public static UserServiceServer start(AppConfig config) {
        long started = System.nanoTime();
        JdbcStores database = JdbcStores.open(
                new JdbcSettings(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dbPoolSize()));
        LOG.info("database {} ready in {} ms", config.dbUrl(), (System.nanoTime() - started) / 1_000_000);
        AsyncUserNotifier notifier = null;
        try {
            MailSettings mail = config.mailSettings();
            UserNotifier delivery = config.smtpHost() == null ? MailNotifiers.log(mail) : MailNotifiers.smtp(mail);
            notifier = MailNotifiers.async(delivery, MAIL_QUEUE_CAPACITY);

            UserServiceCore core = UserServiceCore.builder(config.coreSettings(), database.stores(), notifier)
                    .bcryptCost(config.bcryptCost())
                    .tokenIssuerAndAudience(config.issuer(), config.audience())
                    .build();
            ensureBootstrapAdmin(core, config);
            LOG.info("core ready in {} ms", (System.nanoTime() - started) / 1_000_000);

            ResourceConfig application = new ResourceConfig()
                    .register(new UserServiceRestFeature(core, database::isHealthy, config.maxBodyBytes()));
            HttpServer http = JdkHttpServerFactory.createHttpServer(
                    URI.create("http://" + config.host() + ":" + config.port() + "/"), application, false);
            ThreadPoolExecutor httpThreads = httpThreads();
            http.setExecutor(httpThreads);
            http.start();
            return new UserServiceServer(database, notifier, http, httpThreads);
        } catch (RuntimeException e) {
            if (notifier != null) {
                notifier.close();
            }
            database.close();
            throw e;
        }
    }

    /** The port the server listens on (useful when it was started on port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(1);
        httpThreads.shutdown();
        try {
            httpThreads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        notifier.close();
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
        }
    }

    private static ThreadPoolExecutor httpThreads() {
        AtomicInteger counter = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(HTTP_THREADS, HTTP_THREADS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(HTTP_QUEUE_CAPACITY), runnable -> {
                    Thread thread = new Thread(runnable, "user-service-http-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
