package io.userservice.bench;

import io.userservice.jdbc.JdbcSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Embedded H2 file databases in a temporary directory, as the server runs by default; users loaded in JDBC batches. */
final class H2FileServer implements BenchServer {

    private static final String INSERT_USER = "INSERT INTO users (unique_id, email, password_hash, firstname,"
            + " lastname, language, permission_level, confirmed, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int ROWS_PER_BATCH = 1_000;
    private static final int ROWS_PER_COMMIT = 50_000;

    /** Extra settings appended to the URL, e.g. {@code ;CACHE_SIZE=524288}. */
    static final String URL_OPTIONS_PROPERTY = "bench.h2.urlOptions";

    private final Path directory;

    private H2FileServer(Path directory) {
        this.directory = directory;
    }

    static H2FileServer create() throws IOException {
        return new H2FileServer(Files.createTempDirectory("user-service-bench-h2"));
    }

    private String url(String database) {
        return "jdbc:h2:file:" + directory.resolve(database) + ";AUTO_SERVER=FALSE"
                + System.getProperty(URL_OPTIONS_PROPERTY, "");
    }

    @Override
    public JdbcSettings createDatabase(String name, int maxPoolSize) {
        // the file appears on the first connection
        return new JdbcSettings(url(name), "sa", "", maxPoolSize);
    }

    @Override
    public void load(String database, GeneratedUsers users) throws SQLException {
        try (Connection connection = connect(database)) {
            connection.setAutoCommit(false);
            SplittableRandom random = new SplittableRandom(1);
            try (PreparedStatement insert = connection.prepareStatement(INSERT_USER)) {
                for (int i = 0; i < users.count(); i++) {
                    bindRow(insert, users, i, random);
                    insert.addBatch();
                    if ((i + 1) % ROWS_PER_BATCH == 0 || i + 1 == users.count()) {
                        insert.executeBatch();
                    }
                    if ((i + 1) % ROWS_PER_COMMIT == 0) {
                        connection.commit();
                    }
                }
            }
            connection.commit();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE");
            }
        }
    }

    @Override
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), "sa", "");
    }

    private static void bindRow(PreparedStatement insert, GeneratedUsers users, int i, SplittableRandom random)
            throws SQLException {
        long created = users.createdAtMillis() + i;
        insert.setString(1, GeneratedUsers.uniqueId(random));
        insert.setString(2, GeneratedUsers.email(i));
        insert.setString(3, users.passwordHash());
        insert.setString(4, "Test");
        insert.setString(5, "User " + i);
        insert.setString(6, "en");
        insert.setInt(7, 0);
        insert.setBoolean(8, true);
        insert.setLong(9, created);
        insert.setLong(10, created);
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
