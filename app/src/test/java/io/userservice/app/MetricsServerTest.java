package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code serve}'s management listener: metrics by the names of the README after a full flow, and
 * nothing identifying in any label; health; the API and the metrics kept on their own ports.
 */
class MetricsServerTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONFIRM_LINK = Pattern.compile("/en/user/confirm\\?code=([A-Za-z0-9_%-]+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_]+)=\"([^\"]*)\"");
    private static final String EMAIL = "metrics.person@example.com";
    private static final String PASSWORD = "correct horse battery";

    private final HttpClient http = HttpClient.newHttpClient();
    private UserServiceServer server;
    private String api;
    private String management;

    private void serve() {
        Map<String, String> env = new HashMap<>(Map.of("USERSVC_PORT", "0", "USERSVC_HOST", "127.0.0.1",
                "USERSVC_DB_URL", "jdbc:h2:mem:metrics-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "USERSVC_SMTP_HOST", "127.0.0.1", "USERSVC_SMTP_PORT", Integer.toString(SMTP.getSmtp().getPort()),
                "USERSVC_SMTP_STARTTLS", "none", "USERSVC_BCRYPT_COST", "4", "USERSVC_REFRESH_REUSE_GRACE", "PT0S",
                "USERSVC_MANAGEMENT_PORT", "0"));
        env.put("USERSVC_THROTTLE_SIGNIN_ACCOUNT", "3/PT15M");
        Cli cli = new Cli(env);
        assertThat(Cli.run(cli, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), "serve"))
                .isZero();
        server = cli.server();
        api = "http://127.0.0.1:" + server.port();
        management = "http://127.0.0.1:" + server.managementPort().orElseThrow();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> send(String base, String method, String path, Object body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode call(String method, String path, Object body, int expected) throws Exception {
        HttpResponse<String> response = send(api, method, path, body, Map.of());
        assertThat(response.statusCode()).as(method + " " + path + " " + response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }

    private String scrape() throws Exception {
        HttpResponse<String> metrics = send(management, "GET", "/metrics", null, Map.of());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        return metrics.body();
    }

    private static double value(String scrape, String series) {
        for (String line : scrape.lines().toList()) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).strip());
            }
        }
        throw new AssertionError("no series " + series + " in\n" + scrape);
    }

    @Test
    void aFullFlowShowsInTheMetricsAndNoLabelIdentifiesAnyone() throws Exception {
        serve();
        call("POST", "/users", Map.of("email", EMAIL, "password", PASSWORD), 201);
        assertThat(SMTP.waitForIncomingEmail(10_000, 1)).isTrue();
        String mail = GreenMailUtil.getBody(SMTP.getReceivedMessages()[0]).replace("=\r\n", "").replace("=3D", "=");
        Matcher code = CONFIRM_LINK.matcher(mail);
        assertThat(code.find()).as(mail).isTrue();
        call("POST", "/users/confirm", Map.of("code", code.group(1)), 200);
        JsonNode login = call("POST", "/auth/login", Map.of("email", EMAIL, "password", PASSWORD), 200);
        String refresh = login.path("refreshToken").asText();
        String access = login.path("accessToken").asText();
        long userId = login.path("user").path("id").asLong();
        call("POST", "/auth/token", Map.of("refreshToken", refresh), 200);
        call("POST", "/auth/token", Map.of("refreshToken", refresh), 401); // reuse: the family is revoked
        for (int i = 0; i < 4; i++) {
            send(api, "POST", "/auth/login", Map.of("email", EMAIL, "password", "wrong password " + i), Map.of());
        }
        String basic = Base64.getEncoder().encodeToString((EMAIL + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> nexudus = send(api, "GET", "/en/user/me", null, Map.of("Authorization", "Basic " + basic));
        send(api, "PUT", "/admin/users/" + userId + "/roles/admin", null, Map.of("Authorization", "Bearer " + access));
        send(api, "GET", "/no/such/" + EMAIL, null, Map.of());
        send(api, "BREW", "/user", null, Map.of());

        String scrape = scrape();

        assertThat(value(scrape, "usersvc_registrations_total{outcome=\"success\"}")).isEqualTo(1);
        assertThat(value(scrape, "usersvc_signins_total{channel=\"native\",outcome=\"success\"}")).isEqualTo(1);
        assertThat(value(scrape, "usersvc_signins_total{channel=\"native\",outcome=\"failure\"}")).isEqualTo(3);
        assertThat(value(scrape, "usersvc_signins_total{channel=\"native\",outcome=\"throttled\"}")).isEqualTo(1);
        assertThat(value(scrape, "usersvc_signins_total{channel=\"native\",outcome=\"mfa_required\"}")).isZero();
        assertThat(value(scrape, "usersvc_signins_total{channel=\"oidc\",outcome=\"success\"}")).isZero();
        assertThat(value(scrape, "usersvc_signins_total{channel=\"basic\",outcome=\"throttled\"}"))
                .as("the account is throttled by then: %s", nexudus.body()).isEqualTo(1);
        assertThat(value(scrape, "usersvc_throttle_refusals_total{limit=\"signin_account\"}")).isEqualTo(2);
        assertThat(value(scrape, "usersvc_refresh_total{outcome=\"success\"}")).isEqualTo(1);
        assertThat(value(scrape, "usersvc_refresh_total{outcome=\"reuse_detected\"}")).isEqualTo(1);
        assertThat(value(scrape, "usersvc_refresh_total{outcome=\"invalid\"}")).isZero();
        assertThat(value(scrape, "usersvc_tokens_issued_total{kind=\"access\"}")).isEqualTo(2);
        assertThat(value(scrape, "usersvc_tokens_issued_total{kind=\"refresh\"}")).isEqualTo(2);
        assertThat(value(scrape, "usersvc_password_hash_seconds_count")).isGreaterThanOrEqualTo(5);
        assertThat(scrape).contains("usersvc_password_hash_seconds_bucket{le=");
        assertThat(value(scrape, "usersvc_password_hash_queue")).isZero();
        assertThat(value(scrape, "usersvc_mail_sent_total{outcome=\"sent\"}")).isEqualTo(1);
        assertThat(value(scrape, "usersvc_mail_outbox_pending")).isZero();
        assertThat(value(scrape, "usersvc_mail_oldest_pending_seconds")).isZero();
        assertThat(value(scrape, "http_server_requests_seconds_count{method=\"POST\",route=\"/auth/login\",status=\"200\"}"))
                .isEqualTo(1);
        assertThat(value(scrape, "http_server_requests_seconds_count{method=\"PUT\","
                + "route=\"/admin/users/{id}/roles/{role}\",status=\"403\"}")).isEqualTo(1);
        assertThat(value(scrape, "http_server_requests_seconds_count{method=\"GET\",route=\"NOT_FOUND\",status=\"404\"}"))
                .isEqualTo(1);
        assertThat(scrape).contains("http_server_requests_seconds_count{method=\"OTHER\",route=");
        assertThat(scrape).contains("hikaricp_connections_active{pool=\"user-service-db\"}", "jvm_memory_used_bytes{",
                "jvm_gc_collection_seconds_count{gc=\"", "jvm_gc_collection_seconds_sum{gc=\"",
                "jvm_threads_live_threads", "process_uptime_seconds");

        assertThat(scrape).doesNotContain(EMAIL, "example.com", refresh, access, code.group(1), "127.0.0.1");
        List<String[]> labels = new ArrayList<>();
        Matcher label = LABEL.matcher(scrape);
        while (label.find()) {
            labels.add(new String[] {label.group(1), label.group(2)});
        }
        assertThat(labels).isNotEmpty();
        for (String[] pair : labels) {
            assertThat(pair[1]).as(pair[0]).doesNotContain("@", "/" + userId + "/", EMAIL, "127.0.0.1");
            if (pair[0].equals("route")) {
                assertThat(pair[1]).as("a route is a template").doesNotContainPattern("[0-9]");
            }
        }
    }

    @Test
    void theManagementListenerServesOnlyMetricsAndHealthAndThePublicPortNoMetrics() throws Exception {
        serve();

        assertThat(send(management, "GET", "/health/live", null, Map.of()).statusCode()).isEqualTo(200);
        assertThat(send(management, "GET", "/health/ready", null, Map.of()).body()).contains("UP");
        assertThat(send(management, "GET", "/users", null, Map.of()).statusCode()).isEqualTo(404);
        assertThat(send(management, "GET", "/health", null, Map.of()).statusCode()).isEqualTo(404);
        assertThat(send(management, "POST", "/auth/login", Map.of("email", EMAIL, "password", PASSWORD), Map.of())
                .statusCode()).isEqualTo(404);
        assertThat(send(management, "POST", "/metrics", Map.of(), Map.of()).statusCode()).isEqualTo(405);
        assertThat(send(api, "GET", "/metrics", null, Map.of()).statusCode()).isEqualTo(404);
        assertThat(send(api, "GET", "/health/live", null, Map.of()).statusCode()).isEqualTo(404);
        assertThat(scrape()).doesNotContain("route=\"/metrics\"");
    }

    @Test
    void serveWithoutTheManagementListenerHasNoMetrics() {
        Map<String, String> env = Map.of("USERSVC_PORT", "0", "USERSVC_HOST", "127.0.0.1", "USERSVC_DB_URL",
                "jdbc:h2:mem:off-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "USERSVC_BCRYPT_COST", "4",
                "USERSVC_MANAGEMENT_ENABLED", "false");
        Cli cli = new Cli(env);
        assertThat(Cli.run(cli, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), "serve"))
                .isZero();
        server = cli.server();

        assertThat(server.managementPort()).isEmpty();
    }

    @Test
    void aServerStartedOutsideServeHasNoManagementListener() {
        Map<String, String> env = Map.of("USERSVC_PORT", "0", "USERSVC_HOST", "127.0.0.1", "USERSVC_DB_URL",
                "jdbc:h2:mem:no-metrics-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "USERSVC_BCRYPT_COST", "4");
        server = UserServiceServer.start(AppConfig.from(env));

        assertThat(server.managementPort()).isEmpty();
    }
}
