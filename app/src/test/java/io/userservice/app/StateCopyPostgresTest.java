package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two instances on one PostgreSQL, following each other through LISTEN/NOTIFY. */
class StateCopyPostgresTest extends StateCopyScaleOut {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;
    private String database;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Override
    protected Map<String, String> database() {
        database = "copy_" + DATABASES.incrementAndGet();
        execute("CREATE DATABASE " + database);
        return Map.of("USERSVC_DB_URL", postgres.getJdbcUrl("postgres", database), "USERSVC_DB_USER", "postgres");
    }

    @Override
    protected String name() {
        return "PostgreSQL (LISTEN/NOTIFY)";
    }

    @Test
    void aLostListenerConnectionFallsBackToReadingThroughAndResynchronises() throws Exception {
        for (int i = 0; i < 3; i++) {
            SignedIn user = signedInAndKnownToBoth();
            // every instance's listener loses its connection; a change made now is notified to no one
            execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE application_name = 'user-service account state listener'");
            deactivatedThenRefused(user, second);
        }
        // and once the listeners are back, a change is followed as before
        deactivatedThenRefused(signedInAndKnownToBoth(), second);
    }

    /** The proof that the copy of the built-in directory's entries stands in front of the table. */
    @Test
    void aBearerRequestIsAnsweredFromTheCopyOfTheUsersEntry() throws Exception {
        SignedIn user = signedInAndKnownToBoth();
        // changed behind the service's back, so no instance hears of it
        try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl("postgres", database), "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("UPDATE users SET lastname = 'Behind' WHERE id = " + user.id());
        }

        for (UserServiceServer instance : List.of(first, second)) {
            assertThat(call(instance, "GET", "/user", null, user.accessToken(), 200).path("user").path("lastname")
                    .asText()).isNotEqualTo("Behind");
        }
        // a change made through the service is heard of, and the copy then reads the whole row again
        call(first, "PUT", "/user/name", Map.of("firstname", "Ann", "lastname", "Through"), user.accessToken(), 200);
        assertThat(call(first, "GET", "/user", null, user.accessToken(), 200).path("user").path("lastname").asText())
                .isEqualTo("Through");
    }

    private static void execute(String sql) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
