package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real server over a customer's own directory: the example {@code users-table}, found by
 * ServiceLoader on the class path, reading an existing application's table in an H2 database of
 * its own; the service's state stays in its usual database.
 */
class UsersTableDirectoryServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GRACE_PASSWORD = "Grace's password 1";

    private final CustomersUsersTable customers = CustomersUsersTable
            .create("jdbc:h2:mem:customer-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")
            .account(100042, "Grace.Hopper@Example.com", GRACE_PASSWORD, "Grace", "Hopper", true, true)
            .account(100043, "alan@example.com", "Alan's password 2", "Alan", "Turing", false, true)
            .account(100044, "ada@example.com", "Ada's password 3", "Ada", "Lovelace", true, false);
    private final HttpClient http = HttpClient.newHttpClient();
    private UserServiceServer server;
    private String base;

    private Map<String, String> settings() {
        Map<String, String> env = new HashMap<>(Map.of(
                "USERSVC_PORT", "0",
                "USERSVC_HOST", "127.0.0.1",
                "USERSVC_DB_URL", "jdbc:h2:mem:users-table-state-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "USERSVC_BCRYPT_COST", "4",
                "USERSVC_DIRECTORY", "users-table",
                "USERSVC_USERS_TABLE_URL", customers.url(),
                "USERSVC_USERS_TABLE_USER", "sa"));
        return env;
    }

    private void start() {
        server = UserServiceServer.start(AppConfig.from(settings()));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        customers.execute("SHUTDOWN");
    }

    private HttpResponse<String> send(String method, String path, Object body, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode call(String method, String path, Object body, String bearer, int expectedStatus) throws Exception {
        HttpResponse<String> response = send(method, path, body, bearer);
        assertThat(response.statusCode()).as(method + " " + path + " -> " + response.body()).isEqualTo(expectedStatus);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    private JsonNode logIn(String email, String password) throws Exception {
        return call("POST", "/auth/login", Map.of("email", email, "password", password), null, 200);
    }

    @Test
    void anAccountOfTheApplicationSignsInAndUsesTheApiUnderItsAccountNumber() throws Exception {
        start();

        JsonNode login = logIn("grace.hopper@example.com", GRACE_PASSWORD);
        JsonNode user = login.path("user");
        assertThat(user.path("id").asLong()).isEqualTo(100042);
        assertThat(user.path("email").asText()).isEqualTo("grace.hopper@example.com");
        assertThat(user.path("firstname").asText()).isEqualTo("Grace");
        assertThat(user.path("lastname").asText()).isEqualTo("Hopper");
        assertThat(user.path("language").asText()).isEqualTo("en-US");
        assertThat(user.path("confirmed").asBoolean()).isTrue();

        JsonNode me = call("GET", "/user", null, login.path("accessToken").asText(), 200).path("user");
        assertThat(me.path("id").asLong()).isEqualTo(100042);
        assertThat(me.path("email").asText()).isEqualTo("grace.hopper@example.com");

        JsonNode refreshed = call("POST", "/auth/token", Map.of("refreshToken", login.path("refreshToken").asText()),
                null, 200);
        assertThat(refreshed.path("refreshToken").asText()).isNotEqualTo(login.path("refreshToken").asText());
        String access = refreshed.path("accessToken").asText();
        assertThat(call("GET", "/user", null, access, 200).path("user").path("id").asLong()).isEqualTo(100042);

        // what the service keeps itself works as with any directory
        call("POST", "/user/attributes", Map.of("attributeKey", "plan", "attributeText", "gold"), access, 200);
        assertThat(call("GET", "/user/attributes", null, access, 200).path("plan").asText()).isEqualTo("gold");
    }

    @Test
    void whatTheApplicationOwnsIsRefusedAsTheDirectoryDeclares() throws Exception {
        start();
        String access = logIn("grace.hopper@example.com", GRACE_PASSWORD).path("accessToken").asText();

        JsonNode registration = call("POST", "/users", Map.of("email", "new@example.com", "password",
                "a new password"), null, 403);
        JsonNode rename = call("PUT", "/user/name", Map.of("firstname", "Amazing", "lastname", "Grace"), access, 403);
        JsonNode reset = call("POST", "/users/password/reset", Map.of("email", "grace.hopper@example.com"), null, 403);

        assertThat(registration.path("error").path("code").asText()).isEqualTo("registration_disabled");
        assertThat(rename.path("error").path("code").asText()).isEqualTo("managed_by_directory");
        assertThat(reset.path("error").path("code").asText()).isEqualTo("managed_by_directory");
        assertThat(call("GET", "/user", null, access, 200).path("user").path("firstname").asText()).isEqualTo("Grace");
    }

    @Test
    void anInactiveAccountAnUnknownEmailAndAWrongPasswordGetTheSameAnswer() throws Exception {
        start();

        HttpResponse<String> inactive = send("POST", "/auth/login", Map.of("email", "alan@example.com",
                "password", "Alan's password 2"), null);
        HttpResponse<String> unknown = send("POST", "/auth/login", Map.of("email", "nobody@example.com",
                "password", "Alan's password 2"), null);
        HttpResponse<String> wrong = send("POST", "/auth/login", Map.of("email", "grace.hopper@example.com",
                "password", "Alan's password 2"), null);

        assertThat(inactive.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(inactive.body()).path("error").path("code").asText()).isEqualTo("invalid_credentials");
        assertThat(withoutRequestId(inactive.body())).isEqualTo(withoutRequestId(unknown.body()))
                .isEqualTo(withoutRequestId(wrong.body()));
        assertThat(inactive.headers().firstValue("X-Request-Id")).isNotEqualTo(unknown.headers().firstValue("X-Request-Id"));
    }

    @Test
    void anUnverifiedAccountIsToldToConfirmOnlyAfterTheRightPassword() throws Exception {
        start();

        JsonNode unconfirmed = call("POST", "/auth/login", Map.of("email", "ada@example.com",
                "password", "Ada's password 3"), null, 403);
        call("POST", "/auth/login", Map.of("email", "ada@example.com", "password", "not Ada's password"), null, 401);

        assertThat(unconfirmed.path("error").path("code").asText()).isEqualTo("email_not_confirmed");
    }

    @Test
    void deactivatingTheAccountInTheApplicationEndsItsTokens() throws Exception {
        start();
        JsonNode login = logIn("grace.hopper@example.com", GRACE_PASSWORD);

        customers.execute("UPDATE app_accounts SET is_active = FALSE WHERE account_no = 100042");

        call("GET", "/user", null, login.path("accessToken").asText(), 401);
        JsonNode refresh = call("POST", "/auth/token", Map.of("refreshToken", login.path("refreshToken").asText()),
                null, 401);
        assertThat(refresh.path("error").path("code").asText()).isEqualTo("invalid_refresh_token");
        call("POST", "/auth/login", Map.of("email", "grace.hopper@example.com", "password", GRACE_PASSWORD), null, 401);
    }

    @Test
    void stoppingTheServerClosesTheDirectorysConnections() throws Exception {
        start();
        logIn("grace.hopper@example.com", GRACE_PASSWORD);
        assertThat(customers.sessions()).isGreaterThan(1);

        server.close();
        server = null;

        assertThat(customers.sessions()).isEqualTo(1);
    }

    @Test
    void aMissingSettingOfTheDirectoryStopsTheStartWithALineNamingIt() {
        Map<String, String> settings = settings();
        settings.remove("USERSVC_USERS_TABLE_URL");

        assertThatThrownBy(() -> UserServiceServer.start(AppConfig.from(settings)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("USERSVC_USERS_TABLE_URL is required")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aTableWithoutTheColumnsTheDirectoryReadsStopsTheStartAndLeavesNoConnection() {
        customers.execute("ALTER TABLE app_accounts RENAME COLUMN login_email TO email");

        assertThatThrownBy(() -> UserServiceServer.start(AppConfig.from(settings())))
                .hasMessageStartingWith("users table: cannot read app_accounts");
        assertThat(customers.sessions()).isEqualTo(1);
    }

    @Test
    void aBootstrapAdministratorTheTableDoesNotHoldStopsTheStartWithALineAndLeavesNoConnection() {
        Map<String, String> settings = settings();
        settings.put("USERSVC_BOOTSTRAP_ADMIN_EMAIL", "nobody-here@shop.example");
        settings.put("USERSVC_BOOTSTRAP_ADMIN_PASSWORD", "a long enough password");

        assertThatThrownBy(() -> UserServiceServer.start(AppConfig.from(settings)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("USERSVC_BOOTSTRAP_ADMIN_EMAIL: nobody-here@shop.example is not in the user directory")
                .hasMessageNotContaining("\n");
        assertThat(customers.sessions()).isEqualTo(1);
    }

    /** An answer's body without its request id, which differs from request to request by design. */
    private static String withoutRequestId(String body) {
        return body.replaceAll(",\"requestId\":\"[^\"]*\"", "");
    }
}
