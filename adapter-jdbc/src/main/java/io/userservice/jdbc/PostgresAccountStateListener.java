package io.userservice.jdbc;

import io.userservice.core.port.out.AccountStateFeed;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account state changes of every instance, as PostgreSQL delivers them: each change sends a
 * {@code NOTIFY} in its own transaction ({@link AccountStateChanges#notifying}), which the server
 * delivers at commit, and this listener waits for them on a connection of its own, outside the
 * pool. Every {@code interval} it runs a trivial query on that connection: the server sends every
 * notification queued before the query with its answer, so once it is answered, every change
 * committed before the query started has been heard ({@link Subscriber#caughtUp}). When the
 * connection is lost the listener says so ({@link Subscriber#lostTrack}) and connects again,
 * listening before it reports being caught up.
 */
final class PostgresAccountStateListener implements AccountStateFeed {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresAccountStateListener.class);
    private static final int QUERY_TIMEOUT_SECONDS = 2;
    private static final long SOCKET_TIMEOUT_SECONDS = 10;

    private final JdbcSettings settings;
    private final Duration interval;
    private final Clock clock;
    private volatile boolean open = true;
    private volatile Connection connection;
    private Thread thread;

    PostgresAccountStateListener(JdbcSettings settings, Duration interval, Clock clock) {
        this.settings = settings;
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public void start(Subscriber subscriber) {
        subscriber.lostTrack();
        thread = new Thread(() -> listen(subscriber), "account-state-listen");
        thread.setDaemon(true);
        thread.start();
    }

    private void listen(Subscriber subscriber) {
        boolean wasConnected = true;
        while (open) {
            try (Connection c = connect()) {
                connection = c;
                try (Statement listen = c.createStatement()) {
                    listen.execute("LISTEN " + AccountStateChanges.CHANNEL);
                }
                subscriber.lostTrack();
                if (!wasConnected) {
                    LOG.info("listening to account state changes again");
                }
                wasConnected = true;
                follow(c, subscriber);
            } catch (SQLException | RuntimeException e) {
                subscriber.lostTrack();
                if (!open) {
                    return;
                }
                if (wasConnected) {
                    LOG.warn("lost the account state listener's connection, every read goes to the database until"
                            + " it is back: {}", e.toString());
                }
                wasConnected = false;
                pause();
            } finally {
                connection = null;
            }
        }
    }

    /** A dead peer ends the connection after the socket timeout rather than hanging the listener. */
    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("socketTimeout", Long.toString(SOCKET_TIMEOUT_SECONDS));
        properties.setProperty("ApplicationName", "user-service account state listener");
        return DriverManager.getConnection(settings.url(), properties);
    }

    private void follow(Connection c, Subscriber subscriber) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        int waitMillis = (int) Math.max(1, interval.toMillis());
        while (open) {
            Instant started = clock.instant();
            try (Statement ping = c.createStatement()) {
                ping.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                ping.execute("SELECT 1");
            }
            deliver(pg.getNotifications(), subscriber);
            subscriber.caughtUp(started);
            long until = System.nanoTime() + interval.toNanos();
            long left;
            while (open && (left = until - System.nanoTime()) > 0) {
                deliver(pg.getNotifications((int) Math.max(1, Math.min(waitMillis, left / 1_000_000))), subscriber);
            }
        }
    }

    private static void deliver(PGNotification[] notifications, Subscriber subscriber) {
        if (notifications == null) {
            return;
        }
        for (PGNotification notification : notifications) {
            try {
                subscriber.changed(Long.parseLong(notification.getParameter()));
            } catch (NumberFormatException e) {
                LOG.warn("ignored a notification on {} that names no user", AccountStateChanges.CHANNEL);
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(Math.max(100, interval.toMillis()));
        } catch (InterruptedException e) {
            open = false;
        }
    }

    @Override
    public void close() {
        open = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
