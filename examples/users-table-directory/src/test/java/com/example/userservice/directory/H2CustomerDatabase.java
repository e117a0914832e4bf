package com.example.userservice.directory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** The application's database as a private in-memory H2 database. */
final class H2CustomerDatabase extends CustomerDatabase {

    private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Override
    String url() {
        return url;
    }

    @Override
    String user() {
        return "sa";
    }

    /** Open connections to this database, counting the one that asks. */
    int sessions() {
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            count.next();
            return count.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the sessions of " + url, e);
        }
    }

    @Override
    public void close() {
        execute("SHUTDOWN");
    }
}
