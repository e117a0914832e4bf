package io.userservice.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A private in-memory H2 database. */
final class H2Database extends FreshDatabase {

    private static final String USER = "sa";
    private static final String PASSWORD = "";

    private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Override
    protected JdbcSettings create(int maxPoolSize) {
        return new JdbcSettings(url, USER, PASSWORD, maxPoolSize);
    }

    @Override
    protected void drop() {
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop " + url, e);
        }
    }
}
