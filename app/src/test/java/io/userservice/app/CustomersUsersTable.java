package io.userservice.app;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;

/**
 * The users table of a customer's existing application, with its own column names, in an H2
 * database of its own, as that application creates and fills it (bcrypt {@code $2a$} hashes).
 * The example directory {@code users-table} reads it.
 */
final class CustomersUsersTable {

    private final String url;

    private CustomersUsersTable(String url) {
        this.url = url;
    }

    /** Creates {@code app_accounts} in the H2 database at {@code url}. */
    static CustomersUsersTable create(String url) {
        CustomersUsersTable table = new CustomersUsersTable(url);
        table.execute("""
                CREATE TABLE app_accounts (
                  account_no  BIGINT PRIMARY KEY,
                  login_email VARCHAR(254) NOT NULL,
                  pw_bcrypt   VARCHAR(60),
                  given_name  VARCHAR(100),
                  family_name VARCHAR(100),
                  ui_locale   VARCHAR(16),
                  is_active   BOOLEAN NOT NULL,
                  verified    BOOLEAN NOT NULL,
                  created     TIMESTAMP NOT NULL
                )""");
        return table;
    }

    String url() {
        return url;
    }

    CustomersUsersTable account(long accountNo, String email, String password, String givenName, String familyName,
                                boolean active, boolean verified) {
        execute("INSERT INTO app_accounts (account_no, login_email, pw_bcrypt, given_name, family_name, ui_locale,"
                        + " is_active, verified, created) VALUES (?, ?, ?, ?, ?, 'en_US', ?, ?, ?)",
                accountNo, email, BCrypt.with(BCrypt.Version.VERSION_2A).hashToString(4, password.toCharArray()),
                givenName, familyName, active, verified, Timestamp.valueOf(LocalDateTime.of(2019, 3, 14, 9, 26)));
        return this;
    }

    void execute(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("the customer's database refused: " + sql, e);
        }
    }

    /** Open connections to the customer's database, counting the one that asks. */
    int sessions() {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            count.next();
            return count.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the sessions of " + url, e);
        }
    }
}
