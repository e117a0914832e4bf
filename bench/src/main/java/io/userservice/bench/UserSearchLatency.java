package io.userservice.bench;

import io.userservice.core.domain.Caller;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.SearchUsersUseCase;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.service.UserServiceCore;
import io.userservice.jdbc.JdbcSettings;
import io.userservice.jdbc.JdbcStores;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * The administrators' user search ({@code GET /admin/users?query=}, 50 users a page as the route
 * answers by default) on an existing database, through the real core and JDBC adapter: for each
 * query, the latency of the first page and of the 100th (reached by following {@code next}), as
 * percentiles over repeated calls, and the database's plan of the statement behind each page.
 *
 * <p>Arguments: {@code JDBC_URL [USER] [REPETITIONS]}, e.g. a PostgreSQL database filled by
 * {@code users import} with the users of {@code bench/users-jsonl.py}.
 */
public final class UserSearchLatency {

    private static final int LIMIT = 50;
    private static final String[] QUERIES = {"ma", "j", "jennifer.s", "Ro", "Nguyen", "Schm", "zz"};

    private UserSearchLatency() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args.length > 1 ? args[1] : null;
        int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        try (JdbcStores stores = JdbcStores.open(new JdbcSettings(url, user, null, 4))) {
            UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults(), stores.directory(),
                    stores.state(), new RecordingUserNotifier()).bcryptCost(4).build();
            SearchUsersUseCase search = core.searchUsers();
            System.out.printf(Locale.ROOT, "%-12s %-6s %8s %8s %8s %8s%n", "query", "page", "p50 ms", "p99 ms",
                    "max ms", "users");
            for (String query : QUERIES) {
                measure(search, query, null, "1", repetitions);
                String cursor = null;
                for (int page = 1; page < 100; page++) {
                    cursor = search.search(new SearchUsersUseCase.Command(Caller.operator(), query, LIMIT, cursor))
                            .next();
                    if (cursor == null) {
                        break;
                    }
                }
                if (cursor != null) {
                    measure(search, query, cursor, "100", repetitions);
                }
            }
            try (Connection connection = DriverManager.getConnection(url, user, null)) {
                for (String query : new String[]{"ma", "Ro", "Nguyen", "zz"}) {
                    explain(connection, query, 0);
                }
                explain(connection, "ma", afterOfPage100(search, "ma"));
            }
        }
    }

    private static void measure(SearchUsersUseCase search, String query, String cursor, String page,
                                int repetitions) {
        SearchUsersUseCase.Command command = new SearchUsersUseCase.Command(Caller.operator(), query, LIMIT, cursor);
        for (int i = 0; i < repetitions / 4; i++) {
            search.search(command);
        }
        long[] nanos = new long[repetitions];
        int found = 0;
        for (int i = 0; i < repetitions; i++) {
            long started = System.nanoTime();
            found = search.search(command).users().size();
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-12s %-6s %8.2f %8.2f %8.2f %8d%n", query, page,
                nanos[repetitions / 2] / 1e6, nanos[(int) Math.ceil(repetitions * 0.99) - 1] / 1e6,
                nanos[repetitions - 1] / 1e6, found);
    }

    private static long afterOfPage100(SearchUsersUseCase search, String query) {
        String cursor = null;
        for (int page = 1; page < 100; page++) {
            cursor = search.search(new SearchUsersUseCase.Command(Caller.operator(), query, LIMIT, cursor)).next();
        }
        return Long.parseLong(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
    }

    /** The statement of JdbiUserDirectory.search, with its values bound. */
    private static void explain(Connection connection, String query, long after) throws SQLException {
        String pattern = query.toLowerCase(Locale.ROOT) + "%";
        System.out.printf(Locale.ROOT, "%nquery %s, after id %d:%n", query, after);
        try (PreparedStatement statement = connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) SELECT id,"
                + " unique_id, email, firstname, lastname, language, permission_level, confirmed, created_at,"
                + " updated_at FROM users WHERE id > ? AND (email LIKE ? ESCAPE '!' OR LOWER(firstname) LIKE ?"
                + " ESCAPE '!' OR LOWER(lastname) LIKE ? ESCAPE '!') ORDER BY id LIMIT ?")) {
            statement.setLong(1, after);
            statement.setString(2, pattern);
            statement.setString(3, pattern);
            statement.setString(4, pattern);
            statement.setInt(5, LIMIT + 1);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    System.out.println("    " + rows.getString(1));
                }
            }
        }
    }
}
