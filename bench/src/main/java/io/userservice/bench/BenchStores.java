package io.userservice.bench;

import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.port.out.DirectoryFactory;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.service.CachedAccountState;
import io.userservice.jdbc.JdbcSettings;
import io.userservice.jdbc.JdbcStores;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/** The stores a benchmark runs on: in memory, H2 in memory, or a database of its own on PostgreSQL. */
final class BenchStores implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final DirectoryFactory directory;
    private final ServiceState state;
    private final JdbcStores jdbc;
    private final Runnable drop;

    private BenchStores(DirectoryFactory directory, ServiceState state, JdbcStores jdbc, Runnable drop) {
        this.directory = directory;
        this.state = state;
        this.jdbc = jdbc;
        this.drop = drop;
    }

    static BenchStores of(String store, boolean stateCache) {
        switch (store) {
            case "memory":
                return new BenchStores(InMemoryUserDirectory::new, InMemoryServiceState.create(), null, () -> { });
            case "h2":
                return onDatabase(new JdbcSettings("jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "sa", "", 10), stateCache, () -> { });
            case "postgres":
                String server = System.getenv().getOrDefault("BENCH_PG_URL",
                        "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
                String name = "usersvc_jmh_" + ProcessHandle.current().pid();
                execute(server, "DROP DATABASE IF EXISTS " + name);
                execute(server, "CREATE DATABASE " + name);
                String url = server.replaceFirst("(jdbc:postgresql://[^/?]+)(/[^?]*)?", "$1/" + name);
                return onDatabase(new JdbcSettings(url, null, null, 10), stateCache,
                        () -> execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
            default:
                throw new IllegalArgumentException("store is memory, h2 or postgres, not " + store);
        }
    }

    private static BenchStores onDatabase(JdbcSettings settings, boolean stateCache, Runnable drop) {
        JdbcStores jdbc = JdbcStores.open(settings);
        ServiceState state = jdbc.state();
        if (stateCache) {
            CachedAccountState copy = new CachedAccountState(state.accounts(), 10_000, POLL.multipliedBy(2),
                    Clock.systemUTC());
            jdbc.accountStateFeed(POLL, Clock.systemUTC()).start(copy);
            state = copy.around(state);
        }
        return new BenchStores(jdbc.directory(), state, jdbc, drop);
    }

    DirectoryFactory directory() {
        return directory;
    }

    ServiceState state() {
        return state;
    }

    @Override
    public void close() {
        if (jdbc != null) {
            jdbc.close();
        }
        drop.run();
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
