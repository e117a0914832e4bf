package com.example.userservice.directory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application's database on the embedded PostgreSQL server of this test run, which starts at
 * first use and stops when the JVM exits.
 */
final class PostgresCustomerDatabase extends CustomerDatabase {

    private static final String USER = "postgres";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String name = "customer_" + SEQUENCE.incrementAndGet();

    PostgresCustomerDatabase() {
        Server.execute("CREATE DATABASE " + name);
    }

    @Override
    String url() {
        return Server.POSTGRES.getJdbcUrl(USER, name);
    }

    @Override
    String user() {
        return USER;
    }

    @Override
    public void close() {
        Server.execute("DROP DATABASE " + name + " WITH (FORCE)");
    }

    /** Holds the server, so that only a test that uses PostgreSQL starts it. */
    private static final class Server {

        private static final EmbeddedPostgres POSTGRES = start();

        private static EmbeddedPostgres start() {
            try {
                return EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }

        static void execute(String sql) {
            try (Connection connection = POSTGRES.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("embedded PostgreSQL refused: " + sql, e);
            }
        }
    }
}
