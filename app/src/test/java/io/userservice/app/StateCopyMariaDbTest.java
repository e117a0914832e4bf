package io.userservice.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;

/**
 * Two instances on one MariaDB database, following the change counter; runs when
 * {@code USERSVC_TEST_MARIADB_URL} names a server (e.g. {@code jdbc:mariadb://127.0.0.1:3306/test?user=root}).
 */
class StateCopyMariaDbTest extends StateCopyScaleOut {

    private static final List<String> CREATED = new ArrayList<>();

    @Override
    protected Map<String, String> database() {
        String url = System.getenv("USERSVC_TEST_MARIADB_URL");
        Assumptions.assumeTrue(url != null && !url.isBlank(), "USERSVC_TEST_MARIADB_URL is not set");
        String database = "usersvc_copy_" + UUID.randomUUID().toString().replace("-", "");
        execute(url, "CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
        CREATED.add(database);
        return Map.of("USERSVC_DB_URL", url.replaceFirst("(jdbc:[a-z]+://[^/?]+)(/[^?]*)?", "$1/" + database));
    }

    @Override
    protected String name() {
        return "MariaDB (change counter polled)";
    }

    @AfterAll
    static void dropDatabases() {
        String url = System.getenv("USERSVC_TEST_MARIADB_URL");
        for (String database : CREATED) {
            execute(url, "DROP DATABASE IF EXISTS " + database);
        }
        CREATED.clear();
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
