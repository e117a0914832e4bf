package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * A full flow over real HTTP and SMTP, then every audit record and every log line is searched for
 * each password, code and token the flow used. The log is captured as shipped (INFO) for the
 * libraries and down to TRACE for the service's own code; a library's DEBUG wire dumps are out of
 * scope, as they show request bodies by design.
 */
class NoSecretsLeakTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("\\?code=([A-Za-z0-9_-]+)");

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> secrets = new ArrayList<>();
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Logger root;
    private Logger service;
    private UserServiceServer server;
    private String base;

    @BeforeEach
    void captureLogs() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.ALL);
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        service = (Logger) LoggerFactory.getLogger("io.userservice");
        service.setLevel(Level.TRACE);
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        root.detachAppender(captured);
        root.setLevel(Level.WARN);
        service.setLevel(null);
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
        SLF4JBridgeHandler.uninstall();
    }

    private JsonNode call(String method, String path, Object body, Map<String, String> headers, int status)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + " " + response.body()).isEqualTo(status);
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private String secret(String value) {
        secrets.add(value);
        return value;
    }

    private String codeFromMail(int expectedMails) throws Exception {
        assertThat(SMTP.waitForIncomingEmail(10_000, expectedMails)).isTrue();
        MimeMessage[] messages = SMTP.getReceivedMessages();
        String body = GreenMailUtil.getBody(messages[messages.length - 1]).replace("=\r\n", "").replace("=3D", "=");
        Matcher matcher = CODE.matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return secret(matcher.group(1));
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    @Test
    void noPasswordCodeOrTokenReachesTheAuditTrailOrTheLog() throws Exception {
        String adminPassword = secret("root password 1f8e");
        server = UserServiceServer.start(AppConfig.from(new HashMap<>(Map.of(
                "USERSVC_PORT", "0", "USERSVC_HOST", "127.0.0.1",
                "USERSVC_DB_URL", "jdbc:h2:mem:secrets-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "USERSVC_PUBLIC_URL", "https://id.example.com",
                "USERSVC_SMTP_HOST", "127.0.0.1", "USERSVC_SMTP_PORT", Integer.toString(SMTP.getSmtp().getPort()),
                "USERSVC_SMTP_STARTTLS", "none", "USERSVC_BCRYPT_COST", "4", "USERSVC_REFRESH_REUSE_GRACE", "PT0S",
                "USERSVC_BOOTSTRAP_ADMIN_EMAIL", "root@example.com")) {
            {
                put("USERSVC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
                put("USERSVC_MODE", "development");
            }
        }));
        base = "http://127.0.0.1:" + server.port();

        String first = secret("first secret 7c1d");
        long userId = call("POST", "/users", Map.of("email", "jane@example.com", "password", first), Map.of(), 201)
                .path("user").path("id").asLong();
        call("POST", "/users/confirm", Map.of("code", codeFromMail(1)), Map.of(), 200);
        call("POST", "/users/confirm", Map.of("code", secret("guessed-code-0a9b")), Map.of(), 400);
        call("POST", "/auth/login", Map.of("email", "jane@example.com", "password", secret("wrong guess 55e2")),
                Map.of(), 401);
        JsonNode login = call("POST", "/auth/login", Map.of("email", "jane@example.com", "password", first), Map.of(),
                200);
        String refresh = secret(login.path("refreshToken").asText());
        secret(login.path("accessToken").asText());
        JsonNode rotated = call("POST", "/auth/token", Map.of("refreshToken", refresh), Map.of(), 200);
        secret(rotated.path("refreshToken").asText());
        secret(rotated.path("accessToken").asText());
        call("POST", "/auth/token", Map.of("refreshToken", refresh), Map.of(), 401);

        call("POST", "/users/password/reset", Map.of("email", "jane@example.com"), Map.of(), 202);
        String second = secret("second secret 3b6f");
        call("POST", "/users/password/reset/complete", Map.of("code", codeFromMail(2), "password", second), Map.of(),
                200);
        secret(call("POST", "/api/sys/users/token", Map.of("email", "jane@example.com", "password", second), Map.of(),
                200).path("Value").asText());
        String basic = secret(Base64.getEncoder().encodeToString(("jane@example.com:" + second)
                .getBytes(StandardCharsets.UTF_8)));
        secret(call("GET", "/en/user/me", null, Map.of("Authorization", "Basic " + basic), 200)
                .path("AccessToken").asText());

        String adminToken = secret(call("POST", "/auth/login", Map.of("email", "root@example.com",
                "password", adminPassword), Map.of(), 200).path("accessToken").asText());
        secret(call("GET", "/api/sys/users/" + userId + "/token/refresh", null, bearer(adminToken), 200)
                .path("Value").asText());
        call("PUT", "/admin/users/" + userId + "/roles/user-edit", null, bearer(adminToken), 200);
        JsonNode audit = call("GET", "/admin/audit?limit=200", null, bearer(adminToken), 200);

        List<String> actions = new ArrayList<>();
        audit.path("events").forEach(event -> actions.add(event.path("action").asText() + " "
                + event.path("outcome").asText()));
        assertThat(actions).contains("registration success", "email confirmation success", "email confirmation denied",
                "sign-in denied", "sign-in success", "refresh token reuse denied", "password reset requested success",
                "password reset completed success", "impersonation success", "role granted success");
        String logText = logText();
        assertThat(logText).contains("audit: sign-in success").contains("audit: refresh token reuse denied");
        for (String secret : secrets) {
            assertThat(secret).isNotBlank();
            assertThat(audit.toString()).as("audit trail").doesNotContain(secret);
            assertThat(logText).as("log").doesNotContain(secret);
        }
    }

    private String logText() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : captured.list) {
            if (event.getLoggerName().startsWith("com.icegreen.")) {
                continue; // the test's own mail server, which logs what it receives
            }
            text.append(event.getLoggerName()).append(' ').append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                text.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        return text.toString();
    }
}
