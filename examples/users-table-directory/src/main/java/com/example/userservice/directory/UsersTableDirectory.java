package com.example.userservice.directory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.userservice.core.crypto.PasswordHashes;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.port.StoreUnavailableException;
import io.userservice.core.port.out.UserDirectory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;

/**
 * The users of an existing application, in its own table, which this directory only reads:
 *
 * <pre>
 * app_accounts(account_no BIGINT PRIMARY KEY, login_email, pw_bcrypt, given_name, family_name,
 *              ui_locale, is_active BOOLEAN, verified BOOLEAN, created TIMESTAMP)
 * </pre>
 *
 * <p>The application stays the owner of its accounts: it registers people, edits their names,
 * changes and resets their passwords and deactivates them, with its own forms and rules. So this
 * directory declares no {@link DirectoryCapability capability} and never writes (its connections
 * are read-only); the service answers those requests with 403 and keeps everything else (tokens,
 * sessions, attributes, roles it grants) in its own database.
 *
 * <p>The account number is the user's id: the application, its support staff and its other
 * systems already know people by it, so the native API shows that number, and the service
 * needs no table of ids of its own for these users.
 *
 * <p>An inactive account ({@code is_active = false}) is no account to the service: it is not
 * found, so signing in costs and answers what an unknown email does, and the tokens it was given
 * stop working at their next use; a password check of an account deactivated meanwhile fails as
 * a wrong password does, after the same comparison.
 */
final class UsersTableDirectory implements UserDirectory, AutoCloseable {

    static final String NAME = "users-table";

    private static final String ACTIVE_ACCOUNTS = "SELECT " + AppAccountRows.COLUMNS
            + " FROM app_accounts WHERE is_active = TRUE";
    private static final int CONNECTION_TIMEOUT_MILLIS = 5_000;

    private final HikariDataSource pool;
    private final PasswordHashes hashes;

    private UsersTableDirectory(HikariDataSource pool, PasswordHasher hasher) {
        this.pool = pool;
        this.hashes = new PasswordHashes(hasher);
    }

    /**
     * Connects to the application's database and checks that the table has the columns read
     * here, so that a wrong URL or a renamed column stops the start instead of every sign-in.
     */
    static UsersTableDirectory open(UsersTableSettings settings, PasswordHasher hasher) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(NAME);
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setReadOnly(true);
        HikariDataSource pool = new HikariDataSource(config);
        try (Connection connection = pool.getConnection();
             PreparedStatement probe = connection.prepareStatement("SELECT " + AppAccountRows.COLUMNS
                     + ", pw_bcrypt, is_active FROM app_accounts WHERE 1 = 0")) {
            probe.executeQuery().close();
        } catch (SQLException e) {
            pool.close();
            throw new IllegalStateException("users table: cannot read app_accounts: " + firstLine(e.getMessage()), e);
        }
        return new UsersTableDirectory(pool, hasher);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<DirectoryCapability> capabilities() {
        return Set.of();
    }

    @Override
    public boolean assignsIds() {
        return true;
    }

    @Override
    public Optional<DirectoryUser> findByKey(String key) {
        Optional<Long> accountNo = AppAccountRows.accountNoOf(key);
        if (accountNo.isEmpty()) {
            return Optional.empty();
        }
        try (Connection connection = pool.getConnection();
             PreparedStatement query = connection.prepareStatement(ACTIVE_ACCOUNTS + " AND account_no = ?")) {
            query.setLong(1, accountNo.get());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? AppAccountRows.user(row) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * The application keeps emails as people typed them, so they are compared trimmed and in
     * lower case (an index on {@code LOWER(TRIM(login_email))} keeps this a lookup). Two active
     * accounts whose emails differ only in case are ambiguous: neither is found, rather than
     * signing someone into an account that may not be theirs.
     */
    @Override
    public Optional<DirectoryUser> findByEmail(Email email) {
        try (Connection connection = pool.getConnection();
             PreparedStatement query = connection.prepareStatement(ACTIVE_ACCOUNTS
                     + " AND LOWER(TRIM(login_email)) = ?")) {
            query.setString(1, email.value());
            query.setMaxRows(2);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Optional<DirectoryUser> found = AppAccountRows.user(row).filter(user -> user.email().equals(email));
                return row.next() ? Optional.empty() : found;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Reads the hash and the active flag afresh. A deactivated account is compared like any other
     * and then refused, so its answer and its cost are those of a wrong password.
     *
     * <p>A hash weaker than the service's settings is left as it is: the application owns the
     * table, verifies these hashes itself and chooses their cost; set {@code USERSVC_BCRYPT_COST}
     * to that cost, so that an unknown email costs what a wrong password does.
     */
    @Override
    public boolean checkPassword(DirectoryUser user, String password) {
        Optional<Long> accountNo = AppAccountRows.accountNoOf(user.key());
        String hash = null;
        boolean active = false;
        if (accountNo.isPresent()) {
            try (Connection connection = pool.getConnection();
                 PreparedStatement query = connection.prepareStatement(
                         "SELECT pw_bcrypt, is_active FROM app_accounts WHERE account_no = ?")) {
                query.setLong(1, accountNo.get());
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        hash = row.getString("pw_bcrypt");
                        active = row.getBoolean("is_active");
                    }
                }
            } catch (SQLException e) {
                throw failure(e);
            }
        }
        boolean matches = hashes.matches(password, hash); // whatever the flag: the same work either way
        return matches && active;
    }

    @Override
    public void checkNoOnesPassword(String password) {
        hashes.matches(password, null);
    }

    /** Closes the pool; the server calls it when it stops. */
    @Override
    public void close() {
        pool.close();
    }

    /** Some drivers append the statement on further lines; a start failure reads best as one. */
    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /**
     * An unreachable database is the core's {@link StoreUnavailableException}, which the server
     * answers with 503 and {@code Retry-After}; anything else is a fault to log. Unreachable means
     * SQLState class 08, PostgreSQL's 57P (the server is shutting down, or ended this connection),
     * or one of the JDBC connection exceptions.
     */
    private static RuntimeException failure(SQLException e) {
        String state = e.getSQLState();
        if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || (state != null && (state.startsWith("08") || state.startsWith("57P")))) {
            return new StoreUnavailableException("users table unreachable", e);
        }
        return new IllegalStateException("users table: " + e.getMessage(), e);
    }
}
