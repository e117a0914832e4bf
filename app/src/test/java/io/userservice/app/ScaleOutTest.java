package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two server instances on different ports over one PostgreSQL behave as one service. */
class ScaleOutTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("/user/confirm\\?code=([A-Za-z0-9_-]+)");
    private static final Pattern EMAIL_CHANGE_CODE = Pattern.compile("/user/email/confirm\\?code=([A-Za-z0-9_-]+)");
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private final HttpClient http = HttpClient.newHttpClient();
    private UserServiceServer first;
    private UserServiceServer second;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void startTwoInstances() throws Exception {
        String database = "scale_" + DATABASES.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        Map<String, String> env = Map.of(
                "USERSVC_PORT", "0",
                "USERSVC_HOST", "127.0.0.1",
                "USERSVC_DB_URL", postgres.getJdbcUrl("postgres", database),
                "USERSVC_DB_USER", "postgres",
                "USERSVC_SMTP_HOST", "127.0.0.1",
                "USERSVC_SMTP_PORT", Integer.toString(SMTP.getSmtp().getPort()),
                "USERSVC_SMTP_STARTTLS", "none",
                "USERSVC_BCRYPT_COST", "4",
                "USERSVC_REFRESH_REUSE_GRACE", "PT0S");
        first = UserServiceServer.start(AppConfig.from(env));
        second = UserServiceServer.start(AppConfig.from(env));
    }

    @AfterEach
    void stopInstances() {
        first.close();
        second.close();
    }

    @Test
    void aUserRegisteredOnOneInstanceSignsInOnTheOther() throws Exception {
        call(first, "POST", "/users", Map.of("email", "both@example.com", "password", "long enough"), null, 201);
        call(second, "POST", "/users/confirm", Map.of("code", confirmationCode()), null, 200);

        JsonNode login = call(second, "POST", "/auth/login",
                Map.of("email", "both@example.com", "password", "long enough"), null, 200);

        String access = login.path("accessToken").asText();
        assertThat(call(first, "GET", "/user", null, access, 200).path("user").path("email").asText())
                .isEqualTo("both@example.com");
        assertThat(call(first, "GET", "/.well-known/jwks.json", null, null, 200))
                .isEqualTo(call(second, "GET", "/.well-known/jwks.json", null, null, 200));
    }

    @Test
    void aRefreshTokenRotatedOnOneInstanceIsReuseOnTheOther() throws Exception {
        String refresh = signedIn("rotate@example.com").path("refreshToken").asText();

        String successor = call(first, "POST", "/auth/token", Map.of("refreshToken", refresh), null, 200)
                .path("refreshToken").asText();
        call(second, "POST", "/auth/token", Map.of("refreshToken", refresh), null, 401);

        call(first, "POST", "/auth/token", Map.of("refreshToken", successor), null, 401);
    }

    @Test
    void aCodeRedeemedConcurrentlyOnBothInstancesWorksOnce() throws Exception {
        call(first, "POST", "/users", Map.of("email", "race@example.com", "password", "long enough"), null, 201);
        String code = confirmationCode();

        List<Integer> statuses = race(20, i -> status(i % 2 == 0 ? first : second, "/users/confirm",
                Map.of("code", code)));

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 400).hasSize(19);
    }

    @Test
    void aPortalTokenRedeemedConcurrentlyOnBothInstancesSignsInOnce() throws Exception {
        signedIn("portal@example.com");
        String token = call(second, "POST", "/api/sys/users/token",
                Map.of("email", "portal@example.com", "password", "long enough"), null, 200).path("Value").asText();

        List<HttpResponse<String>> replies = new ArrayList<>();
        List<Integer> signIns = race(20, i -> {
            HttpResponse<String> reply = send(i % 2 == 0 ? first : second, "GET",
                    "/en/user/login?t=" + token + "&redirectUrl=/en/", null, null);
            synchronized (replies) {
                replies.add(reply);
            }
            return reply.headers().firstValue("Set-Cookie").isPresent() ? 1 : 0;
        });

        assertThat(signIns.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
        assertThat(replies).allMatch(reply -> reply.statusCode() == 303);
        assertThat(replies).filteredOn(reply -> reply.headers().firstValue("Location").orElse("")
                .endsWith("/en/?error=link")).hasSize(19);
    }

    @Test
    void oneEmailRegisteredConcurrentlyOnBothInstancesMakesOneUser() throws Exception {
        List<Integer> statuses = race(20, i -> status(i % 2 == 0 ? first : second, "/users",
                Map.of("email", "Same@Example.com", "password", "long enough")));

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
    }

    @Test
    void failedSignInsOnBothInstancesCountTowardsOneLimit() throws Exception {
        signedIn("shared@example.com");
        for (int i = 0; i < 10; i++) {
            UserServiceServer instance = i % 2 == 0 ? first : second;
            assertThat(status(instance, "/auth/login", Map.of("email", "shared@example.com", "password", "wrong " + i)))
                    .isEqualTo(401);
        }

        assertThat(status(first, "/auth/login", Map.of("email", "shared@example.com", "password", "long enough")))
                .isEqualTo(429);
        assertThat(status(second, "/auth/login", Map.of("email", "shared@example.com", "password", "long enough")))
                .isEqualTo(429);
    }

    @Test
    void anEmailChangeCodeUsedConcurrentlyOnBothInstancesMovesTheAccountOnce() throws Exception {
        String access = signedIn("mover@example.com").path("accessToken").asText();
        call(second, "POST", "/user/email", Map.of("newEmail", "moved@example.com", "password", "long enough"),
                access, 202);
        String code = mailedCode(EMAIL_CHANGE_CODE);

        List<Integer> statuses = race(20, i -> send(i % 2 == 0 ? first : second, "POST", "/user/email/confirm",
                Map.of("code", code), access).statusCode());

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 400).hasSize(19);
        assertThat(call(first, "GET", "/user", null, access, 200).path("user").path("email").asText())
                .isEqualTo("moved@example.com");
    }

    @Test
    void aSessionEndedOnOneInstanceIsOverOnTheOther() throws Exception {
        JsonNode login = signedIn("ender@example.com");
        String access = login.path("accessToken").asText();
        String session = call(second, "GET", "/user/sessions", null, access, 200).path("sessions").get(0)
                .path("id").asText();

        send(first, "DELETE", "/user/sessions/" + session, null, access);

        call(second, "POST", "/auth/token", Map.of("refreshToken", login.path("refreshToken").asText()), null, 401);
        call(second, "DELETE", "/user/sessions/" + session, null, access, 404);
    }

    @Test
    void aTotpCodeUsedOnOneInstanceIsRefusedOnTheOther() throws Exception {
        String access = signedIn("totp@example.com").path("accessToken").asText();
        String secret = call(first, "POST", "/user/mfa/totp", Map.of("password", "long enough"), access, 200)
                .path("secret").asText();
        call(second, "POST", "/user/mfa/totp/confirm", Map.of("code", totp(secret, Instant.now())), access, 200);
        String code = totp(secret, Instant.now().plusSeconds(30));
        Map<String, String> password = Map.of("email", "totp@example.com", "password", "long enough");

        String onFirst = call(first, "POST", "/auth/login", password, null, 403).path("mfaToken").asText();
        call(second, "POST", "/auth/login/mfa", Map.of("mfaToken", onFirst, "code", code), null, 200);
        String again = call(second, "POST", "/auth/login", password, null, 403).path("mfaToken").asText();

        assertThat(call(first, "POST", "/auth/login/mfa", Map.of("mfaToken", again, "code", code), null, 401)
                .path("error").path("code").asText()).isEqualTo("invalid_mfa_code");
        call(first, "POST", "/auth/login/mfa", Map.of("mfaToken", onFirst, "code", code), null, 401);
    }

    @Test
    void aRecoveryCodeRacedOnBothInstancesSignsInOnce() throws Exception {
        String access = signedIn("recovery@example.com").path("accessToken").asText();
        String secret = call(first, "POST", "/user/mfa/totp", Map.of("password", "long enough"), access, 200)
                .path("secret").asText();
        String recoveryCode = call(first, "POST", "/user/mfa/totp/confirm", Map.of("code", totp(secret,
                Instant.now())), access, 200).path("recoveryCodes").get(0).asText();
        Map<String, String> password = Map.of("email", "recovery@example.com", "password", "long enough");
        List<String> challenges = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            challenges.add(call(i % 2 == 0 ? first : second, "POST", "/auth/login", password, null, 403)
                    .path("mfaToken").asText());
        }

        List<Integer> statuses = race(6, i -> send(i % 2 == 0 ? second : first, "POST", "/auth/login/mfa",
                Map.of("mfaToken", challenges.get(i), "recoveryCode", recoveryCode), null).statusCode());

        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(statuses).filteredOn(status -> status != 200).containsOnly(401);
    }

    private static String totp(String secret, Instant at) throws Exception {
        int padded = (secret.length() + 7) / 8 * 8;
        byte[] key = org.bouncycastle.util.encoders.Base32.decode(secret + "=".repeat(padded - secret.length()));
        return String.format(java.util.Locale.ROOT, "%06d", new com.eatthepath.otp.TimeBasedOneTimePasswordGenerator()
                .generateOneTimePassword(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA1"), at));
    }

    private JsonNode signedIn(String email) throws Exception {
        call(first, "POST", "/users", Map.of("email", email, "password", "long enough"), null, 201);
        call(first, "POST", "/users/confirm", Map.of("code", confirmationCode()), null, 200);
        return call(first, "POST", "/auth/login", Map.of("email", email, "password", "long enough"), null, 200);
    }

    /** The code of the newest mail carrying such a link, waiting for the outbox to send one. */
    private static String mailedCode(Pattern link) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            var messages = SMTP.getReceivedMessages();
            for (int i = messages.length - 1; i >= 0; i--) {
                Matcher matcher = link.matcher(GreenMailUtil.getBody(messages[i]).replace("=\r\n", ""));
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no mail with a link like " + link);
    }

    private String confirmationCode() throws Exception {
        int before = SMTP.getReceivedMessages().length;
        assertThat(SMTP.waitForIncomingEmail(10_000, before == 0 ? 1 : before)).isTrue();
        var messages = SMTP.getReceivedMessages();
        String body = GreenMailUtil.getBody(messages[messages.length - 1]).replace("=\r\n", "");
        Matcher matcher = CODE.matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group(1);
    }

    interface Attempt {
        int run(int index) throws Exception;
    }

    private static List<Integer> race(int count, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                start.await();
                return attempt.run(index);
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> future : futures) {
            statuses.add(future.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return statuses;
    }

    private int status(UserServiceServer server, String path, Object body) throws Exception {
        return send(server, "POST", path, body, null).statusCode();
    }

    private JsonNode call(UserServiceServer server, String method, String path, Object body, String bearer,
                          int expected) throws Exception {
        HttpResponse<String> response = send(server, method, path, body, bearer);
        assertThat(response.statusCode()).as(method + " " + path + " -> " + response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(UserServiceServer server, String method, String path, Object body,
                                      String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
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
}
