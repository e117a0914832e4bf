package io.userservice.bench;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RefreshTokensUseCase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Prints the database's plans, with timings (and on PostgreSQL buffer counts), for the statements
 * that sign-in, {@code exists} and refresh run, on a freshly loaded database, and the size of the
 * users table with its indexes. The statements are those of the JDBC adapter, with values bound.
 *
 * <p>Arguments: {@code [postgres|h2] [number of users]}, by default {@code postgres 1000000}.
 */
public final class QueryPlans {

    private QueryPlans() {
    }

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "postgres";
        int userCount = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        boolean postgres = db.equals("postgres");
        try (BenchServer server = BenchServer.start(db);
             LoadedDatabase database = LoadedDatabase.create(server, "users_large", userCount)) {
            String email = GeneratedUsers.email(new SplittableRandom().nextInt(userCount));
            LogInUseCase.Result signedIn = database.core.logIn()
                    .logIn(new LogInUseCase.Command(email, GeneratedUsers.PASSWORD, ClientAddress.unknown()));
            database.core.refreshTokens().refresh(new RefreshTokensUseCase.Command(signedIn.tokens().refreshToken(),
                    ClientAddress.unknown()));
            long userId = signedIn.user().id();
            try (Connection connection = server.connect("users_large")) {
                String tokenHash = currentTokenHash(connection, userId);
                connection.setAutoCommit(false);
                for (String statement : List.of(
                        "SELECT id, unique_id, email, password_hash, firstname, lastname, language, permission_level,"
                                + " confirmed, created_at, updated_at FROM users WHERE email = '" + email + "'",
                        "SELECT role FROM user_roles WHERE user_id = " + userId,
                        "SELECT id, unique_id, email, password_hash, firstname, lastname, language, permission_level,"
                                + " confirmed, created_at, updated_at FROM users WHERE id = " + userId,
                        "SELECT token_hash, family_id, user_id, issued_at, expires_at, rotated_at, sealed_successor,"
                                + " revoked_at FROM refresh_tokens WHERE token_hash = '" + tokenHash + "'",
                        "UPDATE refresh_tokens SET rotated_at = 1, sealed_successor = NULL WHERE token_hash = '"
                                + tokenHash + "' AND rotated_at IS NULL AND revoked_at IS NULL")) {
                    explain(connection, (postgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN ANALYZE "), statement);
                }
                print(connection, postgres
                        ? "SELECT pg_size_pretty(pg_total_relation_size('users'))"
                        : "SELECT DISK_SPACE_USED('USERS') / 1048576 || ' MB'");
                if (!postgres) {
                    print(connection, "SELECT SETTING_NAME || ' = ' || SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                            + " WHERE SETTING_NAME = 'CACHE_SIZE'");
                }
                connection.rollback();
            }
        }
    }

    private static void explain(Connection connection, String explain, String statement) throws SQLException {
        System.out.println();
        System.out.println(statement.replaceAll("'[^']{40,}'", "'…'"));
        print(connection, explain + statement);
    }

    private static void print(Connection connection, String query) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                System.out.println("    " + rows.getString(1));
            }
        }
    }

    private static PreparedStatement bound(PreparedStatement query, long userId) throws SQLException {
        query.setLong(1, userId);
        return query;
    }

    /** The hash of the user's live refresh token, as the adapter stores it. */
    private static String currentTokenHash(Connection connection, long userId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT token_hash FROM refresh_tokens WHERE user_id = ? AND rotated_at IS NULL");
             ResultSet row = bound(query, userId).executeQuery()) {
            row.next();
            return row.getString(1);
        }
    }
}
