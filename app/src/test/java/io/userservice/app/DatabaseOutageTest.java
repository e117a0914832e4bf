package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Losing the database gives clear 503s, and the service recovers by itself when it is back. */
class DatabaseOutageTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private static EmbeddedPostgres startPostgres(Path dataDirectory, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setPort(port).start();
    }

    @Test
    void answers503WhileTheDatabaseIsDownAndRecoversWhenItIsBack(@TempDir Path dataDirectory) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgres postgres = startPostgres(dataDirectory, port);
        UserServiceServer server = UserServiceServer.start(AppConfig.from(Map.of(
                "USERSVC_PORT", "0", "USERSVC_HOST", "127.0.0.1",
                "USERSVC_DB_URL", postgres.getJdbcUrl("postgres", "postgres"), "USERSVC_DB_USER", "postgres",
                "USERSVC_REQUIRE_CONFIRMATION", "false", "USERSVC_BCRYPT_COST", "4")));
        try {
            String base = "http://127.0.0.1:" + server.port();
            assertThat(register(base, "before@example.com").statusCode()).isEqualTo(201);

            postgres.close();
            HttpResponse<String> down = register(base, "during@example.com");
            HttpResponse<String> notReady = get(base + "/health/ready");

            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"code\":\"store_unavailable\"").doesNotContain("Exception");
            assertThat(down.headers().firstValue("Retry-After")).contains("5");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(get(base + "/health").statusCode()).isEqualTo(200);

            postgres = startPostgres(dataDirectory, port);
            assertThat(register(base, "after@example.com").statusCode()).isEqualTo(201);
            assertThat(register(base, "before@example.com").statusCode()).isEqualTo(409);
            assertThat(get(base + "/health/ready").statusCode()).isEqualTo(200);
        } finally {
            server.close();
            postgres.close();
        }
    }

    private HttpResponse<String> register(String base, String email) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/users"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"long enough\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
