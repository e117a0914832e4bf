package io.userservice.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.userservice.core.port.out.AuditLogPort;
import io.userservice.core.port.out.AuthorizationCodePort;
import io.userservice.core.port.out.OidcClientPort;
import io.userservice.core.port.out.OidcConsentPort;
import io.userservice.core.port.out.OidcGrantPort;
import io.userservice.core.port.out.OidcState;
import io.userservice.core.port.out.PasskeyChallengePort;
import io.userservice.core.port.out.PasskeyPort;
import io.userservice.core.port.out.PasskeyState;
import io.userservice.core.port.out.ConsumedTokenPort;
import io.userservice.core.port.out.EmailChangePort;
import io.userservice.core.crypto.PasswordHashes;
import io.userservice.core.port.out.AccountStateFeed;
import io.userservice.core.port.out.AccountStatePort;
import io.userservice.core.port.out.DirectoryFactory;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.UserDirectory;
import io.userservice.core.port.out.UserIdentitiesPort;
import io.userservice.core.port.out.MailOutboxPort;
import io.userservice.core.port.out.MfaChallengePort;
import io.userservice.core.port.out.SecondFactorPort;
import io.userservice.core.port.out.PortalSessionPort;
import io.userservice.core.port.out.RefreshTokenPort;
import io.userservice.core.port.out.SigningKeyPort;
import io.userservice.core.port.out.SingleUseCodePort;
import io.userservice.core.port.out.ThrottleCounterPort;
import io.userservice.core.port.out.UserAttributesPort;
import io.userservice.core.port.out.Transactions;
import io.userservice.core.port.out.WebhookEndpointPort;
import io.userservice.core.port.out.WebhookOutboxPort;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;

/**
 * The core's stores on a relational database (H2, PostgreSQL, MariaDB/MySQL): a connection pool,
 * a schema migrated to the latest version on {@link #open}, and on top the service's whole state
 * ({@link #state()}) and the built-in user directory ({@link #directory()}), which may be used
 * together or apart (the state with another directory).
 * Several instances of the service may share one database. The H2, PostgreSQL and MariaDB drivers
 * come with this module, and the pool picks the driver from the URL ({@code jdbc:h2:},
 * {@code jdbc:postgresql:}, {@code jdbc:mariadb:}).
 *
 * <p>When the database cannot be reached, every store throws the core's
 * {@code StoreUnavailableException}; the pool reconnects by itself once the database is back.
 *
 * <p>The stores read update counts as rows matched, which is what every supported driver reports
 * by default; do not set MariaDB's or MySQL's {@code useAffectedRows=true}.
 */
public final class JdbcStores implements AutoCloseable {

    private static final long CONNECTION_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(5);
    private static final long VALIDATION_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(2);
    private static final int HEALTH_CHECK_TIMEOUT_SECONDS = 2;

    private final HikariDataSource dataSource;
    private final JdbcSettings settings;
    private final Jdbi jdbi;
    private final AccountStateChanges changes;
    private final ServiceState state;
    private final OidcState oidc;
    private final PasskeyState passkeys;
    private final List<AccountStateFeed> feeds = new CopyOnWriteArrayList<>();

    private JdbcStores(HikariDataSource dataSource, JdbcSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.jdbi = Jdbi.create(dataSource);
        // statement text only: bound values (emails, hashes) never reach an exception message or a log
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.SHORT_STATEMENT);
        this.changes = isPostgres() ? AccountStateChanges.notifying() : AccountStateChanges.counted(Clock.systemUTC());
        this.state = new ServiceState(
                ConnectionFailures.translated(AccountStatePort.class, new JdbiAccountState(jdbi, changes)),
                ConnectionFailures.translated(UserIdentitiesPort.class, new JdbiUserIdentities(jdbi)),
                ConnectionFailures.translated(UserAttributesPort.class, new JdbiUserAttributes(jdbi)),
                ConnectionFailures.translated(RefreshTokenPort.class, new JdbiRefreshTokens(jdbi, isPostgres())),
                ConnectionFailures.translated(SingleUseCodePort.class, new JdbiSingleUseCodes(jdbi)),
                ConnectionFailures.translated(SigningKeyPort.class, new JdbiSigningKeys(jdbi)),
                ConnectionFailures.translated(ConsumedTokenPort.class, new JdbiConsumedTokens(jdbi)),
                ConnectionFailures.translated(PortalSessionPort.class, new JdbiPortalSessions(jdbi)),
                ConnectionFailures.translated(AuditLogPort.class, new JdbiAuditLog(jdbi)),
                ConnectionFailures.translated(MailOutboxPort.class, new JdbiMailOutbox(jdbi)),
                ConnectionFailures.translated(ThrottleCounterPort.class,
                        new JdbiThrottleCounters(jdbi, dataSource.getMaximumPoolSize())),
                ConnectionFailures.translated(Transactions.class, new JdbiTransactions(jdbi)),
                ConnectionFailures.translated(WebhookEndpointPort.class, new JdbiWebhookEndpoints(jdbi)),
                ConnectionFailures.translated(WebhookOutboxPort.class, new JdbiWebhookOutbox(jdbi)),
                ConnectionFailures.translated(EmailChangePort.class, new JdbiEmailChanges(jdbi)),
                ConnectionFailures.translated(SecondFactorPort.class, new JdbiSecondFactors(jdbi)),
                ConnectionFailures.translated(MfaChallengePort.class, new JdbiMfaChallenges(jdbi)));
        this.oidc = new OidcState(
                ConnectionFailures.translated(OidcClientPort.class, new JdbiOidcClients(jdbi)),
                ConnectionFailures.translated(AuthorizationCodePort.class, new JdbiAuthorizationCodes(jdbi)),
                ConnectionFailures.translated(OidcGrantPort.class, new JdbiOidcGrants(jdbi)),
                ConnectionFailures.translated(OidcConsentPort.class, new JdbiOidcConsents(jdbi)));
        this.passkeys = new PasskeyState(
                ConnectionFailures.translated(PasskeyPort.class, new JdbiPasskeys(jdbi)),
                ConnectionFailures.translated(PasskeyChallengePort.class, new JdbiPasskeyChallenges(jdbi)));
    }

    /**
     * Connects to the database and brings its schema up to date.
     *
     * @throws IllegalStateException when the schema cannot be migrated; the pool's own exception
     *                               when the database cannot be reached
     */
    public static JdbcStores open(JdbcSettings settings) {
        HikariDataSource dataSource = new HikariDataSource(poolConfig(settings));
        try {
            Migrations.apply(dataSource);
            return new JdbcStores(dataSource, settings);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static HikariConfig poolConfig(JdbcSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("user-service-db");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setValidationTimeout(VALIDATION_TIMEOUT_MILLIS);
        return config;
    }

    /** The service's state, backed by this database. */
    public ServiceState state() {
        return state;
    }

    /** The OpenID Connect provider's state (clients, codes, grants, consents), backed by this database. */
    public OidcState oidcState() {
        return oidc;
    }

    /** The passkeys' state: passkeys, user handles and challenges, shared by every instance on this database. */
    public PasskeyState passkeyState() {
        return passkeys;
    }

    /**
     * The built-in user directory in this database's {@code users} table, which compares
     * passwords with the hasher the core gives it.
     */
    public DirectoryFactory directory() {
        return hasher -> ConnectionFailures.translated(UserDirectory.class,
                new JdbiUserDirectory(jdbi, new PasswordHashes(hasher), changes));
    }

    /**
     * Reports the connection pool's figures (connections active, idle, pending, acquisition
     * times) to {@code factory}, e.g. HikariCP's Micrometer tracker; once, after opening.
     */
    public void trackPoolMetrics(com.zaxxer.hikari.metrics.MetricsTrackerFactory factory) {
        dataSource.setMetricsTrackerFactory(factory);
    }

    /**
     * Follows the changes of users' account state and of their entries in the built-in directory
     * that every instance on this database commits, for a copy of them kept in memory: on
     * PostgreSQL by {@code LISTEN} on a connection of its own (outside the pool), checked every
     * {@code interval}; on the others by polling the change counter every {@code interval}.
     * Closed with the stores.
     */
    public AccountStateFeed accountStateFeed(Duration interval, Clock clock) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval must be positive");
        }
        AccountStateFeed feed = isPostgres() ? new PostgresAccountStateListener(settings, interval, clock)
                : new PolledAccountStateChanges(jdbi, interval, clock);
        feeds.add(feed);
        return feed;
    }

    private boolean isPostgres() {
        return settings.url().startsWith("jdbc:postgresql:");
    }

    /** True when the database answers a trivial query within a short time; never throws. */
    public boolean isHealthy() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(HEALTH_CHECK_TIMEOUT_SECONDS);
            try (ResultSet result = statement.executeQuery("SELECT 1")) {
                return result.next();
            }
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Closes every connection; the stores stop working. */
    @Override
    public void close() {
        feeds.forEach(AccountStateFeed::close);
        dataSource.close();
    }
}
