package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real server, with a real database, real SMTP and real HTTP, driven as a client would. */
class EndToEndTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONFIRM_LINK =
            Pattern.compile("https://id\\.example\\.com/en/user/confirm\\?code=([A-Za-z0-9_%-]+)");
    private static final Pattern RESET_LINK =
            Pattern.compile("https://id\\.example\\.com/en/user/resetPassword/complete\\?code=([A-Za-z0-9_%-]+)");

    private final HttpClient http = HttpClient.newHttpClient();
    private UserServiceServer server;
    private String base;

    private void start(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "USERSVC_PORT", "0",
                "USERSVC_HOST", "127.0.0.1",
                "USERSVC_DB_URL", "jdbc:h2:mem:e2e-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "USERSVC_PUBLIC_URL", "https://id.example.com", "USERSVC_MODE", "development",
                "USERSVC_SMTP_HOST", "127.0.0.1",
                "USERSVC_SMTP_PORT", Integer.toString(SMTP.getSmtp().getPort()),
                "USERSVC_SMTP_STARTTLS", "none",
                "USERSVC_MAIL_FROM", "Example Accounts <accounts@example.com>",
                "USERSVC_BCRYPT_COST", "4"));
        env.putAll(extra);
        server = UserServiceServer.start(AppConfig.from(env));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private JsonNode call(String method, String path, Object body, String bearer, int expectedStatus) throws Exception {
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
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + " -> " + response.body()).isEqualTo(expectedStatus);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    private String codeFromLatestMail(Pattern link, int expectedMails) throws Exception {
        assertThat(SMTP.waitForIncomingEmail(10_000, expectedMails)).isTrue();
        MimeMessage[] messages = SMTP.getReceivedMessages();
        String body = GreenMailUtil.getBody(messages[messages.length - 1]).replace("=\r\n", "").replace("=3D", "=");
        Matcher matcher = link.matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group(1);
    }

    @Test
    void aUserGoesThroughTheWholeLifecycle() throws Exception {
        start(Map.of());

        JsonNode registered = call("POST", "/users", Map.of("email", "Jane@Example.com", "password", "first password"),
                null, 201);
        assertThat(registered.path("user").path("confirmed").asBoolean()).isFalse();
        call("POST", "/auth/login", Map.of("email", "jane@example.com", "password", "first password"), null, 403);

        String confirmation = codeFromLatestMail(CONFIRM_LINK, 1);
        assertThat(SMTP.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo("jane@example.com");
        JsonNode confirmed = call("POST", "/users/confirm", Map.of("code", confirmation), null, 200);
        assertThat(confirmed.path("user").path("confirmed").asBoolean()).isTrue();

        JsonNode login = call("POST", "/auth/login", Map.of("email", "jane@example.com", "password", "first password"),
                null, 200);
        String refresh = login.path("refreshToken").asText();

        JsonNode refreshed = call("POST", "/auth/token", Map.of("refreshToken", refresh), null, 200);
        String access = refreshed.path("accessToken").asText();
        String rotated = refreshed.path("refreshToken").asText();
        assertThat(rotated).isNotEqualTo(refresh);

        assertThat(call("GET", "/user", null, access, 200).path("user").path("email").asText())
                .isEqualTo("jane@example.com");
        call("POST", "/user/attributes", Map.of("attributeKey", "plan", "attributeText", "gold"), access, 200);
        call("PUT", "/user/name", Map.of("firstname", "Jane", "lastname", "O'Neil"), access, 200);
        JsonNode profile = call("GET", "/user/profile", null, access, 200).path("user");
        assertThat(profile.path("attributes").path("plan").asText()).isEqualTo("gold");
        assertThat(profile.path("lastname").asText()).isEqualTo("O'Neil");
        assertThat(call("GET", "/user/attributes", null, access, 200).path("plan").asText()).isEqualTo("gold");

        call("POST", "/users/password/reset", Map.of("email", "jane@example.com"), null, 202);
        String reset = codeFromLatestMail(RESET_LINK, 2);
        call("POST", "/users/password/reset/complete", Map.of("code", reset, "password", "second password"), null, 200);

        call("POST", "/auth/login", Map.of("email", "jane@example.com", "password", "first password"), null, 401);
        call("POST", "/auth/login", Map.of("email", "jane@example.com", "password", "second password"), null, 200);
        call("POST", "/auth/token", Map.of("refreshToken", rotated), null, 401);
        assertThat(call("GET", "/.well-known/jwks.json", null, null, 200).path("keys").size()).isEqualTo(1);
        assertThat(call("GET", "/health/ready", null, null, 200).path("status").asText()).isEqualTo("ready");
    }

    @Test
    void theLinkInTheConfirmationMailOpensAPageWhoseButtonConfirms() throws Exception {
        start(Map.of());
        call("POST", "/users", Map.of("email", "link@example.com", "password", "long enough"), null, 201);
        String code = codeFromLatestMail(CONFIRM_LINK, 1);

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/en/user/confirm?code=" + code))
                .build(), HttpResponse.BodyHandlers.ofString());
        call("POST", "/auth/login", Map.of("email", "link@example.com", "password", "long enough"), null, 403);
        HttpResponse<String> pressed = http.send(HttpRequest.newBuilder(URI.create(base + "/en/user/confirm"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("code=" + code)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Confirm my email");
        assertThat(pressed.statusCode()).isEqualTo(200);
        assertThat(pressed.body()).contains("Email confirmed");
        call("POST", "/auth/login", Map.of("email", "link@example.com", "password", "long enough"), null, 200);
    }

    @Test
    void theBootstrapAdminCanSignInWithoutConfirming() throws Exception {
        start(Map.of("USERSVC_BOOTSTRAP_ADMIN_EMAIL", "root@example.com",
                "USERSVC_BOOTSTRAP_ADMIN_PASSWORD", "root password"));

        JsonNode login = call("POST", "/auth/login", Map.of("email", "root@example.com", "password", "root password"),
                null, 200);

        String payload = new String(java.util.Base64.getUrlDecoder().decode(
                login.path("accessToken").asText().split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(JSON.readTree(payload).path("roles").get(0).asText()).isEqualTo("admin");
        assertThat(JSON.readTree(payload).path("iss").asText()).isEqualTo("https://id.example.com");
    }

    @Test
    void anAdminImpersonatesAUserAndTheAuditTrailNamesTheClient() throws Exception {
        start(Map.of("USERSVC_BOOTSTRAP_ADMIN_EMAIL", "root@example.com",
                "USERSVC_BOOTSTRAP_ADMIN_PASSWORD", "root password", "USERSVC_REQUIRE_CONFIRMATION", "false"));
        long memberId = call("POST", "/users", Map.of("email", "member@example.com", "password", "long enough"),
                null, 201).path("user").path("id").asLong();
        String adminToken = call("POST", "/auth/login", Map.of("email", "root@example.com", "password", "root password"),
                null, 200).path("accessToken").asText();

        JsonNode minted = call("GET", "/api/sys/users/" + memberId + "/token/refresh", null, adminToken, 200);
        JsonNode audit = call("GET", "/admin/audit", null, adminToken, 200);

        assertThat(call("GET", "/user", null, minted.path("Value").asText(), 200).path("user").path("email").asText())
                .isEqualTo("member@example.com");
        JsonNode event = audit.path("events").get(0);
        assertThat(event.path("action").asText()).isEqualTo("impersonation");
        assertThat(event.path("outcome").asText()).isEqualTo("success");
        assertThat(event.path("subjectId").asLong()).isEqualTo(memberId);
        assertThat(event.path("clientAddress").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void signingKeysSurviveARestartOnTheSameDatabase() throws Exception {
        String db = "jdbc:h2:mem:keys-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        start(Map.of("USERSVC_DB_URL", db, "USERSVC_REQUIRE_CONFIRMATION", "false"));
        call("POST", "/users", Map.of("email", "keep@example.com", "password", "long enough"), null, 201);
        String access = call("POST", "/auth/login", Map.of("email", "keep@example.com", "password", "long enough"),
                null, 200).path("accessToken").asText();
        JsonNode keysBefore = call("GET", "/.well-known/jwks.json", null, null, 200);
        server.close();

        start(Map.of("USERSVC_DB_URL", db, "USERSVC_REQUIRE_CONFIRMATION", "false"));

        assertThat(call("GET", "/.well-known/jwks.json", null, null, 200)).isEqualTo(keysBefore);
        assertThat(call("GET", "/user", null, access, 200).path("user").path("email").asText())
                .isEqualTo("keep@example.com");
    }
}
