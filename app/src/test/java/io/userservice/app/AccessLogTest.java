package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The access log and request ids of the whole server, read from the captured log events. */
class AccessLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Logger access = (Logger) LoggerFactory.getLogger("io.userservice.access");
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void capture() {
        captured.start();
        access.addAppender(captured);
        access.setLevel(Level.INFO);
    }

    @AfterEach
    void release() {
        access.detachAppender(captured);
        access.setLevel(null);
    }

    private UserServiceServer start(Path dir, Map<String, String> more) {
        Map<String, String> environment = new java.util.HashMap<>(Map.of("USERSVC_PORT", "0", "USERSVC_HOST",
                "127.0.0.1", "USERSVC_DB_URL", "jdbc:h2:file:" + dir.resolve("db"), "USERSVC_BCRYPT_COST", "4"));
        environment.putAll(more);
        return UserServiceServer.start(AppConfig.from(environment), PerformanceConfig.from(environment),
                OperationsConfig.from(environment).withoutManagement());
    }

    private HttpResponse<String> send(UserServiceServer server, String method, String path, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<ILoggingEvent> awaitLines(int count) throws InterruptedException {
        for (int i = 0; i < 100 && captured.list.size() < count; i++) {
            Thread.sleep(50);
        }
        return List.copyOf(captured.list);
    }

    @Test
    void oneLineARequestWithRouteTemplateStatusDurationAndRequestIdButNoQueryOrAuthorization(@TempDir Path dir)
            throws Exception {
        try (UserServiceServer server = start(dir, Map.of())) {
            HttpResponse<String> user = send(server, "GET", "/user",
                    Map.of("X-Request-Id", "trace-1", "Authorization", "Bearer not.a.token"));
            HttpResponse<String> confirm = send(server, "GET", "/en/user/confirm?code=SECRETCODE123", Map.of());
            HttpResponse<String> role = send(server, "PUT", "/admin/users/4242/roles/admin",
                    Map.of("X-Request-Id", "trace-3"));
            HttpResponse<String> nowhere = send(server, "GET", "/no/such/page?token=SECRETTOKEN", Map.of());
            HttpResponse<String> odd = send(server, "BREW", "/user", Map.of("X-Request-Id", "trace-5"));

            List<ILoggingEvent> lines = awaitLines(5);

            assertThat(lines).hasSize(5);
            assertThat(user.headers().firstValue("X-Request-Id")).hasValue("trace-1");
            assertThat(JSON.readTree(user.body()).path("requestId").asText()).isEqualTo("trace-1");
            ILoggingEvent first = line(lines, "trace-1");
            assertThat(fields(first)).containsEntry("method", "GET").containsEntry("route", "/user")
                    .containsEntry("status", "401").containsKey("durationMs");
            assertThat(first.getFormattedMessage()).matches("GET /user 401 \\d+ ms");
            String confirmId = confirm.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(fields(line(lines, confirmId))).containsEntry("route", "/{lang}/user/confirm");
            assertThat(fields(line(lines, "trace-3")))
                    .containsEntry("route", "/admin/users/{id}/roles/{role}").containsEntry("status", "401");
            assertThat(role.statusCode()).isEqualTo(401);
            String nowhereId = nowhere.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(fields(line(lines, nowhereId))).containsEntry("route", "/no/such/page")
                    .containsEntry("status", String.valueOf(nowhere.statusCode()));
            assertThat(fields(line(lines, "trace-5"))).containsEntry("method", "OTHER");
            assertThat(odd.statusCode()).isGreaterThanOrEqualTo(400);
            for (ILoggingEvent line : lines) {
                assertThat(line.getFormattedMessage() + fields(line))
                        .doesNotContain("SECRETCODE123", "SECRETTOKEN", "not.a.token", "Bearer", "?");
            }
        }
    }

    @Test
    void aRequestJettyRefusesBeforeTheApplicationHasTheSameIdInItsAnswerAndItsLogLine(@TempDir Path dir) throws Exception {
        String answer;
        try (UserServiceServer server = start(dir, Map.of());
             java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("GET /user HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: refused-1\r\n"
                    + "X-Padding: " + "x".repeat(20_000) + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        List<ILoggingEvent> lines = awaitLines(1);

        java.util.regex.Matcher header = java.util.regex.Pattern.compile("(?i)X-Request-Id: (\\S+)").matcher(answer);
        assertThat(header.find()).as(answer).isTrue();
        String id = header.group(1);
        assertThat(answer).startsWith("HTTP/1.1 431").contains("\"requestId\":\"" + id + "\"");
        assertThat(id).as("the headers were not read, so the id is a new one").isNotEqualTo("refused-1");
        assertThat(fields(line(lines, id))).containsEntry("status", "431");
    }

    @Test
    void theAccessLogCanBeTurnedOff(@TempDir Path dir) throws Exception {
        try (UserServiceServer server = start(dir, Map.of("USERSVC_ACCESS_LOG", "false"))) {
            assertThat(send(server, "GET", "/health", Map.of()).statusCode()).isEqualTo(200);
            Thread.sleep(200);
        }

        assertThat(captured.list).isEmpty();
    }

    private static ILoggingEvent line(List<ILoggingEvent> lines, String requestId) {
        return lines.stream().filter(l -> requestId.equals(l.getMDCPropertyMap().get("requestId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no line of " + requestId + " in " + lines));
    }

    /** A line's fields: its MDC (the request id) and its key-value pairs (method, route, status, duration). */
    private static Map<String, String> fields(ILoggingEvent line) {
        Map<String, String> fields = new TreeMap<>(line.getMDCPropertyMap());
        if (line.getKeyValuePairs() != null) {
            line.getKeyValuePairs().forEach(pair -> fields.put(pair.key, String.valueOf(pair.value)));
        }
        return fields;
    }
}
