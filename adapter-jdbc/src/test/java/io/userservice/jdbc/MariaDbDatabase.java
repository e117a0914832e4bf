package io.userservice.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A database on the MariaDB (or MySQL) server named by {@value #URL_VARIABLE}, for example
 * {@code jdbc:mariadb://127.0.0.1:3306/test?user=root}; the user must be allowed to create and
 * drop databases. Without the variable, a test that asks for this database is skipped.
 *
 * <p>The database is created and migrated on first use and then shared: each test starts by
 * emptying every table. Migrating a new database per test would take more than a second each,
 * as MariaDB's DDL is slow.
 */
final class MariaDbDatabase {

    static final String URL_VARIABLE = "USERSVC_TEST_MARIADB_URL";

    private static final Pattern URL = Pattern.compile("(jdbc:(?:mariadb|mysql)://[^/?]+)(?:/[^?]*)?(\\?.*)?");

    private final String name = "usersvc_" + UUID.randomUUID().toString().replace("-", "");
    private Matcher serverUrl;
    private JdbcStores jdbc;
    private JdbcStores another;

    /** The stores on this database, every table emptied. */
    synchronized JdbcStores emptyStores() {
        if (jdbc == null) {
            serverUrl = serverUrl();
            execute(urlOf(""), "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
            jdbc = JdbcStores.open(new JdbcSettings(urlOf(name), null, null, io.userservice.core.contract.UseCaseRacesContract.POOL_SIZE));
        }
        deleteAllRows();
        return jdbc;
    }

    /** A second pool on the database of {@link #emptyStores()}, as another server instance would have. */
    synchronized JdbcStores anotherPool() {
        if (jdbc == null) {
            throw new IllegalStateException("not open");
        }
        if (another == null) {
            another = JdbcStores.open(new JdbcSettings(urlOf(name), null, null, 10));
        }
        return another;
    }

    /** A new database with no schema at all, for tests that migrate it themselves; dropped by {@link #drop()}. */
    synchronized JdbcSettings createEmpty() {
        serverUrl = serverUrl();
        execute(urlOf(""), "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        return new JdbcSettings(urlOf(name), null, null, 2);
    }

    /** Drops a database made by {@link #createEmpty()}. */
    synchronized void dropEmpty() {
        if (serverUrl != null) {
            execute(urlOf(""), "DROP DATABASE IF EXISTS " + name);
        }
    }

    private static Matcher serverUrl() {
        String url = System.getenv(URL_VARIABLE);
        Assumptions.assumeTrue(url != null && !url.isBlank(),
                URL_VARIABLE + " is not set: MariaDB contract tests not run");
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(URL_VARIABLE + " is not a jdbc:mariadb:// or jdbc:mysql:// URL: " + url);
        }
        return matcher;
    }

    synchronized void drop() {
        if (another != null) {
            another.close();
            another = null;
        }
        if (jdbc != null) {
            jdbc.close();
            jdbc = null;
            execute(urlOf(""), "DROP DATABASE " + name);
        }
    }

    private void deleteAllRows() {
        try (Connection connection = DriverManager.getConnection(urlOf(name));
             Statement statement = connection.createStatement()) {
            statement.execute("SET FOREIGN_KEY_CHECKS = 0");
            for (String table : tables(connection)) {
                statement.executeUpdate("DELETE FROM " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty " + name, e);
        }
    }

    private List<String> tables(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = ? AND table_name NOT LIKE 'DATABASECHANGELOG%'"
                // the one counter row must stay, as the changelog made it
                + " AND table_name <> 'account_state_version'")) {
            query.setString(1, name);
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            return tables;
        }
    }

    private String urlOf(String database) {
        String parameters = serverUrl.group(2);
        return serverUrl.group(1) + "/" + database + (parameters == null ? "" : parameters);
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB refused: " + sql, e);
        }
    }
}
