package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged server with {@code USERSVC_LOG_FORMAT=json}: every line one JSON object, with request ids. */
class JsonLogsJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyLineIsOneJsonObjectAndTheAccessLogCarriesTheRequestId(@TempDir Path workDir) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> output;
        String confirmId;
        try (RunningJar jar = RunningJar.start(workDir, Map.of("USERSVC_LOG_FORMAT", "json"))) {
            String base = "http://127.0.0.1:" + jar.port();
            HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create(base + "/users"))
                    .header("Content-Type", "application/json").header("X-Request-Id", "json-register-1")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"json@example.com\",\"password\":\"long enough\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> user = http.send(HttpRequest.newBuilder(URI.create(base + "/user"))
                    .header("Authorization", "Bearer SECRET.BEARER.TOKEN").header("X-Request-Id", "json-user-2").build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> confirm = http.send(HttpRequest.newBuilder(
                    URI.create(base + "/en/user/confirm?code=SECRETCODE")).build(), HttpResponse.BodyHandlers.ofString());
            confirmId = confirm.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(registered.statusCode()).isEqualTo(201);
            assertThat(user.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(user.body()).path("requestId").asText()).isEqualTo("json-user-2");
            Thread.sleep(1_500); // the confirmation mail goes to the log from the outbox
            output = new ArrayList<>(jar.output());
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : output) {
            if (line.startsWith("WARNING:")) {
                continue; // the JVM's own warnings
            }
            JsonNode parsed = JSON.readTree(line);
            assertThat(parsed.isObject()).as(line).isTrue();
            assertThat(parsed.fieldNames()).toIterable().contains("timestamp", "level", "logger", "message", "thread");
            lines.add(parsed);
        }
        assertThat(lines).anyMatch(l -> l.path("message").asText().startsWith("User Service ready on"));
        assertThat(access(lines, "json-register-1").path("route").asText()).isEqualTo("/users");
        assertThat(access(lines, "json-register-1").path("status").asText()).isEqualTo("201");
        JsonNode userLine = access(lines, "json-user-2");
        assertThat(userLine.path("route").asText()).isEqualTo("/user");
        assertThat(userLine.path("method").asText()).isEqualTo("GET");
        assertThat(userLine.path("durationMs").asLong()).isNotNegative();
        assertThat(access(lines, confirmId).path("route").asText()).isEqualTo("/{lang}/user/confirm");
        assertThat(lines).filteredOn(l -> l.path("logger").asText().equals("io.userservice.access"))
                .allSatisfy(l -> assertThat(l.toString()).doesNotContain("SECRETCODE", "SECRET.BEARER.TOKEN", "?"));
        assertThat(lines).as("the audit line of the registration")
                .anyMatch(l -> l.path("requestId").asText().equals("json-register-1")
                        && l.path("logger").asText().equals("io.userservice.audit"));
    }

    private static JsonNode access(List<JsonNode> lines, String requestId) {
        return lines.stream().filter(l -> l.path("logger").asText().equals("io.userservice.access")
                        && l.path("requestId").asText().equals(requestId)).findFirst()
                .orElseThrow(() -> new AssertionError("no access line of " + requestId + " in " + lines));
    }
}
