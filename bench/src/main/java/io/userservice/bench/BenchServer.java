package io.userservice.bench;

import io.userservice.jdbc.JdbcSettings;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A database server the benchmark owns: every database on it starts empty, is filled in bulk
 * and is thrown away at the end. All databases of one server share its settings.
 */
interface BenchServer extends AutoCloseable {

    static BenchServer start(String kind) throws IOException {
        return switch (kind) {
            case "postgres" -> EmbeddedPostgresServer.start();
            case "h2" -> H2FileServer.create();
            default -> throw new IllegalArgumentException("unknown database " + kind + "; use postgres or h2");
        };
    }

    /** Creates an empty database and tells how to reach it. */
    JdbcSettings createDatabase(String name, int maxPoolSize) throws SQLException;

    /**
     * Inserts the users straight into the {@code users} table of the migrated schema, then
     * brings the planner's statistics up to date.
     */
    void load(String database, GeneratedUsers users) throws SQLException;

    /** A plain connection to one of the databases, for work the stores do not offer. */
    Connection connect(String database) throws SQLException;

    @Override
    void close() throws IOException;
}
