package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged server's management listener, over HTTP: metrics after a sign-in, health, ports kept apart. */
class MetricsJarIT {

    private static final Pattern MANAGEMENT = Pattern.compile("management listener \\(metrics, health\\) on [^:]+:(\\d+)");

    @Test
    void theJarServesMetricsAndHealthOnItsManagementPortOnly(@TempDir Path workDir) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (RunningJar jar = RunningJar.start(workDir, Map.of("USERSVC_PORT", "0", "USERSVC_HOST", "127.0.0.1",
                "USERSVC_BCRYPT_COST", "4", "USERSVC_REQUIRE_CONFIRMATION", "false"))) {
            String api = "http://127.0.0.1:" + jar.port();
            String management = "http://127.0.0.1:" + managementPort(jar);
            String login = "{\"email\":\"jar-metrics@example.com\",\"password\":\"long enough\"}";
            assertThat(post(http, api + "/users", login).statusCode()).isEqualTo(201);
            assertThat(post(http, api + "/auth/login", login).statusCode()).isEqualTo(200);

            String metrics = get(http, management + "/metrics").body();

            assertThat(metrics).contains("usersvc_signins_total{channel=\"native\",outcome=\"success\"} 1.0",
                    "usersvc_registrations_total{outcome=\"success\"} 1.0",
                    "http_server_requests_seconds_count{method=\"POST\",route=\"/auth/login\",status=\"200\"} 1",
                    "hikaricp_connections", "jvm_memory_used_bytes").doesNotContain("jar-metrics", "example.com");
            assertThat(get(http, management + "/health/ready").statusCode()).isEqualTo(200);
            assertThat(get(http, management + "/health/live").statusCode()).isEqualTo(200);
            assertThat(get(http, management + "/user").statusCode()).isEqualTo(404);
            assertThat(get(http, api + "/metrics").statusCode()).isEqualTo(404);
        }
    }

    private static int managementPort(RunningJar jar) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            for (String line : jar.output()) {
                Matcher matcher = MANAGEMENT.matcher(line);
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no management listener in\n" + String.join("\n", jar.output()));
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient http, String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
