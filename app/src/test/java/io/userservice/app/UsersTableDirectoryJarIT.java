package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.userservice.directory.UsersTableDirectoryProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar with a customer's directory jar added to its class path, started as the README
 * says ({@code java -cp user-service.jar:users-table-directory.jar io.userservice.app.Main}).
 */
class UsersTableDirectoryJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theServerFindsTheDirectoryInTheAddedJarAndSignsInTheApplicationsAccounts(@TempDir Path workDir)
            throws Exception {
        Path directoryJar = Path.of(UsersTableDirectoryProvider.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        assertThat(directoryJar.getFileName().toString()).endsWith(".jar");
        String customerUrl = "jdbc:h2:file:" + workDir.resolve("customer");
        CustomersUsersTable.create(customerUrl)
                .account(100042, "Grace.Hopper@Example.com", "Grace's password 1", "Grace", "Hopper", true, true);
        Map<String, String> environment = Map.of("USERSVC_PORT", "0", "USERSVC_HOST", "127.0.0.1",
                "USERSVC_BCRYPT_COST", "4", "USERSVC_DIRECTORY", "users-table",
                "USERSVC_USERS_TABLE_URL", customerUrl, "USERSVC_USERS_TABLE_USER", "sa");

        RunningJar server = RunningJar.startWithClassPath(workDir, environment, List.of(directoryJar));
        try (server) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();

            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"email\":\"grace.hopper@example.com\",\"password\":\"Grace's password 1\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> registration = http.send(HttpRequest.newBuilder(URI.create(base + "/users"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"email\":\"new@example.com\",\"password\":\"a new password\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            JsonNode user = JSON.readTree(login.body()).path("user");
            assertThat(user.path("id").asLong()).isEqualTo(100042);
            assertThat(user.path("firstname").asText()).isEqualTo("Grace");
            assertThat(registration.statusCode()).isEqualTo(403);
            assertThat(registration.body()).contains("\"registration_disabled\"");
        }
        assertThat(server.output()).anyMatch(line -> line.contains("User Service stopped"));
        assertThat(server.output()).noneMatch(line -> line.contains("ERROR"));
    }
}
