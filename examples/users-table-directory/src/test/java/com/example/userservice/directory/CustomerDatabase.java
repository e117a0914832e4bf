package com.example.userservice.directory;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;

/**
 * The existing application's database, created and filled as that application does it: the
 * table {@code app_accounts} with its own column names, and passwords hashed with bcrypt
 * {@code $2a$}. A new, empty database for each test, removed on close.
 */
abstract class CustomerDatabase implements AutoCloseable {

    static final String CREATE_TABLE = """
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
            )""";

    static final LocalDateTime CREATED = LocalDateTime.of(2019, 3, 14, 9, 26, 53);

    /** A row of {@code app_accounts}, as the application writes it. */
    record Account(long accountNo, String email, String password, String givenName, String familyName, String locale,
                   boolean active, boolean verified) {

        static Account of(long accountNo, String email, String password, String givenName, String familyName) {
            return new Account(accountNo, email, password, givenName, familyName, "en_GB", true, true);
        }

        Account inactive() {
            return new Account(accountNo, email, password, givenName, familyName, locale, false, verified);
        }

        Account withLocale(String other) {
            return new Account(accountNo, email, password, givenName, familyName, other, active, verified);
        }
    }

    abstract String url();

    String user() {
        return null;
    }

    /** The directory's settings for this database. */
    UsersTableSettings settings() {
        return new UsersTableSettings(url(), user(), null, 2);
    }

    CustomerDatabase withTable() {
        execute(CREATE_TABLE);
        return this;
    }

    CustomerDatabase with(Account... accounts) {
        for (Account account : accounts) {
            execute("INSERT INTO app_accounts (account_no, login_email, pw_bcrypt, given_name, family_name, ui_locale,"
                            + " is_active, verified, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    account.accountNo(), account.email(), account.password() == null ? null : bcrypt(account.password()),
                    account.givenName(), account.familyName(), account.locale(), account.active(), account.verified(),
                    Timestamp.valueOf(CREATED));
        }
        return this;
    }

    /** A hash as the application makes it: bcrypt {@code $2a$}, at the lowest cost to keep the tests fast. */
    static String bcrypt(String password) {
        return BCrypt.with(BCrypt.Version.VERSION_2A).hashToString(4, password.toCharArray());
    }

    /** Runs a statement as the application would, on a connection of its own. */
    final void execute(String sql, Object... parameters) {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("the customer's database refused: " + sql, e);
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), null);
    }

    @Override
    public abstract void close();
}
