package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real server's defenses as a client on the loopback interface meets them. */
class HardeningTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse battery";

    private final HttpClient http = HttpClient.newHttpClient();
    private UserServiceServer server;
    private String base;
    private String adminToken;

    private void start(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "USERSVC_PORT", "0",
                "USERSVC_HOST", "127.0.0.1",
                "USERSVC_DB_URL", "jdbc:h2:mem:hardening-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "USERSVC_REQUIRE_CONFIRMATION", "false",
                "USERSVC_BCRYPT_COST", "4",
                "USERSVC_BOOTSTRAP_ADMIN_EMAIL", "root@example.com",
                "USERSVC_BOOTSTRAP_ADMIN_PASSWORD", "root password here"));
        env.putAll(extra);
        server = UserServiceServer.start(AppConfig.from(env));
        base = "http://127.0.0.1:" + server.port();
        try {
            adminToken = JSON.readTree(send("POST", "/auth/login", Map.of("email", "root@example.com",
                    "password", "root password here"), Map.of()).body()).path("accessToken").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> send(String method, String path, Object body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> login(String email, String password, String forwardedFor) throws Exception {
        return send("POST", "/auth/login", Map.of("email", email, "password", password),
                Map.of("X-Forwarded-For", forwardedFor));
    }

    private JsonNode audit() throws Exception {
        JsonNode events = JSON.readTree(send("GET", "/admin/audit?limit=200", null,
                Map.of("Authorization", "Bearer " + adminToken)).body()).path("events");
        assertThat(events.isArray()).isTrue();
        assertThat(events.size()).isPositive();
        return events;
    }

    @Test
    void everyResponseHasNoServerBannerAndNoSniffing() throws Exception {
        start(Map.of());
        for (HttpResponse<String> response : List.of(send("GET", "/health", null, Map.of()),
                send("GET", "/no/such/path", null, Map.of()),
                send("POST", "/auth/login", "{", Map.of()),
                send("GET", "/en/", null, Map.of()))) {
            assertThat(response.headers().firstValue("Server")).as(response.uri().toString()).isEmpty();
            assertThat(response.headers().firstValue("X-Powered-By")).isEmpty();
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
        }
    }

    @Test
    void bruteForceWithRotatingForwardedForFromAnUntrustedPeerIsStillThrottled() throws Exception {
        start(Map.of("USERSVC_THROTTLE_SIGNIN_ACCOUNT", "5/PT15M", "USERSVC_THROTTLE_SIGNIN_ADDRESS", "8/PT15M"));
        send("POST", "/users", Map.of("email", "jane@example.com", "password", PASSWORD), Map.of());

        for (int i = 0; i < 5; i++) {
            assertThat(login("jane@example.com", "guess " + i, "198.51.100." + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> perAccount = login("jane@example.com", PASSWORD, "198.51.100.77");
        for (int i = 0; i < 3; i++) {
            login("other" + i + "@example.com", "guess", "203.0.113." + i);
        }
        HttpResponse<String> perAddress = login("fresh@example.com", "guess", "203.0.113.99");

        assertThat(perAccount.statusCode()).isEqualTo(429);
        assertThat(perAccount.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(perAccount.body()).path("error").path("code").asText()).isEqualTo("too_many_requests");
        assertThat(perAddress.statusCode()).isEqualTo(429);
        assertThat(audit()).allSatisfy(event -> assertThat(event.path("clientAddress").asText()).isEqualTo("127.0.0.1"));
    }

    @Test
    void behindATrustedProxyTheForwardedClientIsThrottledAndAudited() throws Exception {
        start(Map.of("USERSVC_TRUSTED_PROXIES", "127.0.0.1", "USERSVC_THROTTLE_SIGNIN_ADDRESS", "3/PT15M"));

        for (int i = 0; i < 3; i++) {
            login("victim" + i + "@example.com", "guess", "6.6.6.6, 198.51.100.7");
        }
        HttpResponse<String> sameClient = login("root@example.com", "root password here", "198.51.100.7");
        HttpResponse<String> otherClient = login("root@example.com", "root password here", "198.51.100.8");

        assertThat(sameClient.statusCode()).isEqualTo(429);
        assertThat(otherClient.statusCode()).isEqualTo(200);
        assertThat(audit()).anySatisfy(event -> {
            assertThat(event.path("action").asText()).isEqualTo("sign-in");
            assertThat(event.path("outcome").asText()).isEqualTo("throttled");
            assertThat(event.path("clientAddress").asText()).isEqualTo("198.51.100.7");
        });
    }

    @Test
    void corsAnswersOnlyTheConfiguredOrigins() throws Exception {
        start(Map.of("USERSVC_CORS_ORIGINS", "https://app.example.com"));

        HttpResponse<String> allowed = send("GET", "/health", null, Map.of("Origin", "https://app.example.com"));
        HttpResponse<String> other = send("GET", "/health", null, Map.of("Origin", "https://evil.example.com"));
        HttpResponse<String> preflight = send("OPTIONS", "/users", null, Map.of("Origin", "https://app.example.com",
                "Access-Control-Request-Method", "POST"));

        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(other.headers().allValues("Vary")).anyMatch(v -> v.contains("Origin"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("POST"));
    }
}
