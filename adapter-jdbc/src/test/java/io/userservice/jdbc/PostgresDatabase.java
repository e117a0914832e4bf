package io.userservice.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A database on the embedded PostgreSQL server of this test run. The server starts on first use
 * and stops when the JVM exits. A template database is migrated once; each test database is a
 * copy of it, which is much faster than migrating every one.
 */
final class PostgresDatabase extends FreshDatabase {

    private static final String USER = "postgres";
    private static final String TEMPLATE = "usersvc_template";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String name = "usersvc_" + SEQUENCE.incrementAndGet();

    @Override
    protected JdbcSettings create(int maxPoolSize) {
        Server.execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return Server.settings(name, maxPoolSize);
    }

    @Override
    protected void drop() {
        Server.execute("DROP DATABASE " + name + " WITH (FORCE)");
    }

    /** A new database with no schema at all, for tests that migrate it themselves. */
    static JdbcSettings createEmpty(String database) {
        Server.execute("CREATE DATABASE " + database);
        return Server.settings(database, 2);
    }

    static void dropDatabase(String database) {
        Server.execute("DROP DATABASE " + database + " WITH (FORCE)");
    }

    /** Holds the server, so that only a test that uses PostgreSQL starts it. */
    private static final class Server {

        private static final EmbeddedPostgres POSTGRES = start();

        private static EmbeddedPostgres start() {
            try {
                // durability is worthless in a throwaway server and costs most of its time
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
                createTemplate(postgres);
                return postgres;
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }

        private static void createTemplate(EmbeddedPostgres postgres) {
            execute(postgres, "CREATE DATABASE " + TEMPLATE);
            JdbcStores.open(new JdbcSettings(postgres.getJdbcUrl(USER, TEMPLATE), USER, null, 1)).close();
        }

        static JdbcSettings settings(String database, int maxPoolSize) {
            return new JdbcSettings(POSTGRES.getJdbcUrl(USER, database), USER, null, maxPoolSize);
        }

        static void execute(String sql) {
            execute(POSTGRES, sql);
        }

        private static void execute(EmbeddedPostgres postgres, String sql) {
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("embedded PostgreSQL refused: " + sql, e);
            }
        }
    }
}
