package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks through the real server over HTTP: an administrator registers a receiver, a user
 * registers, and the server's dispatcher posts the signed event; the API reference is served too.
 */
class WebhookServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin@example.com";
    private static final String ADMIN_PASSWORD = "the bootstrap admin password";

    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<Map<String, String>> received = new LinkedBlockingQueue<>();
    private HttpServer receiver;
    private UserServiceServer server;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                Map<String, String> message = new HashMap<>();
                message.put("body", new String(in.readAllBytes(), StandardCharsets.UTF_8));
                for (String header : List.of("webhook-id", "webhook-timestamp", "webhook-signature", "Content-Type")) {
                    message.put(header, exchange.getRequestHeaders().getFirst(header));
                }
                received.add(message);
                exchange.sendResponseHeaders(200, -1);
            } finally {
                exchange.close();
            }
        });
        receiver.start();
        Map<String, String> env = new HashMap<>();
        env.put("USERSVC_PORT", "0");
        env.put("USERSVC_HOST", "127.0.0.1");
        env.put("USERSVC_DB_URL", "jdbc:h2:mem:webhook-server-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        env.put("USERSVC_PUBLIC_URL", "http://localhost:8080");
        env.put("USERSVC_BCRYPT_COST", "4");
        env.put("USERSVC_REQUIRE_CONFIRMATION", "false");
        env.put("USERSVC_BOOTSTRAP_ADMIN_EMAIL", ADMIN);
        env.put("USERSVC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("USERSVC_WEBHOOK_ALLOW_PRIVATE", "true");
        server = UserServiceServer.start(AppConfig.from(env));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        receiver.stop(0);
    }

    private HttpResponse<String> send(String method, String path, Object body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRegistrationReachesTheReceiverSignedWithTheSecretTheAdministratorWasGiven() throws Exception {
        String admin = JSON.readTree(send("POST", "/auth/login", Map.of("email", ADMIN, "password", ADMIN_PASSWORD),
                null).body()).path("accessToken").asText();
        HttpResponse<String> created = send("POST", "/admin/webhooks", Map.of("url", "http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/hook", "events", List.of("user.created")), admin);
        assertThat(created.statusCode()).isEqualTo(201);
        String secret = JSON.readTree(created.body()).path("secret").asText();

        HttpResponse<String> registered = send("POST", "/users", Map.of("email", "jane@example.com",
                "password", "correct horse battery"), null);
        assertThat(registered.statusCode()).isEqualTo(201);
        long userId = JSON.readTree(registered.body()).path("user").path("id").asLong();

        Map<String, String> message = received.poll(30, TimeUnit.SECONDS);
        assertThat(message).as("the event arrives").isNotNull();
        assertThat(message.get("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(message.get("body"));
        assertThat(body.path("type").asText()).isEqualTo("user.created");
        assertThat(body.path("data").path("id").asLong()).isEqualTo(userId);
        assertThat(message.get("body")).doesNotContain("correct horse battery");

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected = mac.doFinal((message.get("webhook-id") + "." + message.get("webhook-timestamp") + "."
                + message.get("body")).getBytes(StandardCharsets.UTF_8));
        assertThat(message.get("webhook-signature")).startsWith("v1,");
        assertThat(MessageDigest.isEqual(expected, Base64.getDecoder().decode(message.get("webhook-signature")
                .substring(3)))).isTrue();

        HttpResponse<String> deliveries = send("GET", "/admin/webhooks/" + JSON.readTree(created.body()).path("id")
                .asText() + "/deliveries", null, admin);
        JsonNode delivery = JSON.readTree(deliveries.body()).path("deliveries").get(0);
        for (int i = 0; i < 50 && !delivery.path("state").asText().equals("delivered"); i++) {
            Thread.sleep(100);
            delivery = JSON.readTree(send("GET", "/admin/webhooks/" + JSON.readTree(created.body()).path("id")
                    .asText() + "/deliveries", null, admin).body()).path("deliveries").get(0);
        }
        assertThat(delivery.path("state").asText()).isEqualTo("delivered");
        assertThat(delivery.path("lastStatus").asInt()).isEqualTo(200);
        assertThat(received.poll(2, TimeUnit.SECONDS)).as("sent once").isNull();
    }

    @Test
    void theApiReferenceIsServed() throws Exception {
        HttpResponse<String> document = send("GET", "/openapi.json", null, null);
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(document.body()).path("openapi").asText()).startsWith("3.1");
        assertThat(JSON.readTree(document.body()).path("paths").has("/admin/webhooks/{id}/secret")).isTrue();
        HttpResponse<String> docs = send("GET", "/docs", null, null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("script-src 'self';"));
        assertThat(send("GET", "/docs/swagger-ui-bundle.js", null, null).statusCode()).isEqualTo(200);
    }
}
