package io.userservice.jdbc;

import io.userservice.core.port.out.CoreStores;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A private in-memory H2 database, migrated by the real changelog, dropped on close. */
final class H2Database implements AutoCloseable {

    private static final String USER = "sa";
    private static final String PASSWORD = "";

    private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private JdbcStores jdbc;

    CoreStores open() {
        jdbc = JdbcStores.open(new JdbcSettings(url, USER, PASSWORD, 10));
        return jdbc.stores();
    }

    @Override
    public void close() throws SQLException {
        if (jdbc != null) {
            jdbc.close();
            try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
                 Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }
        }
    }
}
