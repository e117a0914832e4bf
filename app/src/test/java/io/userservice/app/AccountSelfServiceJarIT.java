package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account's self-service routes on the packaged jar, over HTTP with real SMTP: change the
 * password (other sessions end), list and end sessions, change the email with the mailed code,
 * export, and delete; after the jar has stopped, no row of its database holds the email, the
 * names or the address the person moved to.
 */
class AccountSelfServiceJarIT {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "the first password";
    private static final String NEW_PASSWORD = "the second password";

    private final HttpClient http = HttpClient.newHttpClient();
    private int port;

    @Test
    void selfServiceAndErasureOnThePackagedServer(@TempDir Path workDir) throws Exception {
        String url = "jdbc:h2:file:" + workDir.resolve("data/accounts");
        Map<String, String> env = Map.of(
                "USERSVC_PORT", "0",
                "USERSVC_HOST", "127.0.0.1",
                "USERSVC_DB_URL", url,
                "USERSVC_SMTP_HOST", "127.0.0.1",
                "USERSVC_SMTP_PORT", Integer.toString(SMTP.getSmtp().getPort()),
                "USERSVC_SMTP_STARTTLS", "none",
                "USERSVC_BCRYPT_COST", "4");
        long id;
        try (RunningJar jar = RunningJar.start(workDir, env)) {
            port = jar.port();
            call("POST", "/users", Map.of("email", "Jar.Person@Example.com", "password", PASSWORD,
                    "firstname", "Yolanda", "lastname", "Packagedjar"), null, 201);
            call("POST", "/users/confirm", Map.of("code", mailedCode("/user/confirm", "jar.person@example.com")),
                    null, 200);
            JsonNode laptop = call("POST", "/auth/login", Map.of("email", "jar.person@example.com", "password",
                    PASSWORD), null, 200);
            JsonNode phone = call("POST", "/auth/login", Map.of("email", "jar.person@example.com", "password",
                    PASSWORD), null, 200);
            id = laptop.path("user").path("id").asLong();

            call("POST", "/user/password", Map.of("currentPassword", "not the password", "newPassword",
                    NEW_PASSWORD), token(laptop), 401);
            JsonNode changed = call("POST", "/user/password", Map.of("currentPassword", PASSWORD, "newPassword",
                    NEW_PASSWORD), token(laptop), 200);
            call("GET", "/user", null, token(phone), 401);
            call("POST", "/auth/token", Map.of("refreshToken", phone.path("refreshToken").asText()), null, 401);
            String access = token(changed);

            JsonNode sessions = call("GET", "/user/sessions", null, access, 200).path("sessions");
            assertThat(sessions).hasSize(1);
            assertThat(sessions.get(0).has("id")).isTrue();
            assertThat(sessions.toString()).doesNotContain(changed.path("refreshToken").asText());
            call("DELETE", "/user/sessions/999999999", null, access, 404);

            call("POST", "/user/email", Map.of("newEmail", "moved.jar.person@example.com", "password", NEW_PASSWORD),
                    access, 202);
            JsonNode moved = call("POST", "/user/email/confirm", Map.of("code",
                    mailedCode("/user/email/confirm", "moved.jar.person@example.com")), access, 200);
            assertThat(moved.toString()).contains("moved.jar.person@example.com");
            call("POST", "/auth/login", Map.of("email", "jar.person@example.com", "password", NEW_PASSWORD), null,
                    401);
            JsonNode signedIn = call("POST", "/auth/login", Map.of("email", "moved.jar.person@example.com",
                    "password", NEW_PASSWORD), null, 200);
            access = token(signedIn);

            JsonNode export = call("GET", "/user/export", null, access, 200);
            assertThat(export.toString()).contains("moved.jar.person@example.com").contains("Yolanda")
                    .doesNotContain("$2").doesNotContain(signedIn.path("refreshToken").asText());

            call("DELETE", "/user", Map.of("password", "not the password"), access, 401);
            call("DELETE", "/user", Map.of("password", NEW_PASSWORD), access, 204);
            call("GET", "/user", null, access, 401);
            call("POST", "/auth/login", Map.of("email", "moved.jar.person@example.com", "password", NEW_PASSWORD),
                    null, 401);
        }
        AccountErasureDatabaseTest.Database database = new AccountErasureDatabaseTest.Database(url, "sa", "");
        // also the mail to the address the person had before the email change is gone
        assertThat(AccountErasureDatabaseTest.rowsHolding(database, List.of("moved.jar.person@example.com",
                "jar.person@example.com", "yolanda", "packagedjar")))
                .as("rows still holding the erased person").isEmpty();
        assertThat(AccountErasureDatabaseTest.auditEventsAbout(new AccountErasureDatabaseTest.Database(url, "sa", ""),
                id)).isPositive();
    }

    private static String token(JsonNode signedIn) {
        return signedIn.path("accessToken").asText();
    }

    private static String mailedCode(String page, String to) throws Exception {
        Pattern link = Pattern.compile(Pattern.quote(page) + "\\?code=([A-Za-z0-9_-]+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            var messages = SMTP.getReceivedMessages();
            for (int i = messages.length - 1; i >= 0; i--) {
                if (!messages[i].getAllRecipients()[0].toString().equalsIgnoreCase(to)) {
                    continue;
                }
                Matcher matcher = link.matcher(GreenMailUtil.getBody(messages[i]).replace("=\r\n", ""));
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no mail to " + to + " with a link to " + page);
    }

    private JsonNode call(String method, String path, Object body, String bearer, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + " -> " + response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
