package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two server instances over one PostgreSQL are one OpenID Provider: a client registered on one is
 * known to the other, a code issued on one is redeemed on the other, and two redemptions of one
 * code racing on both instances never both get tokens.
 */
class OidcScaleOutTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin@example.com";
    private static final String PASSWORD = "correct horse battery";
    private static final String REDIRECT = "https://rp.example.org/callback";
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");
    private static EmbeddedPostgres postgres;
    private static int databases;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private UserServiceServer first;
    private UserServiceServer second;
    private String clientId;
    private String clientSecret;

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
        String database = "oidc_" + (++databases);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        Map<String, String> env = Map.of(
                "USERSVC_PORT", "0",
                "USERSVC_HOST", "127.0.0.1",
                "USERSVC_DB_URL", postgres.getJdbcUrl("postgres", database),
                "USERSVC_DB_USER", "postgres",
                "USERSVC_BCRYPT_COST", "4",
                "USERSVC_ISSUER", "https://id.example.com",
                "USERSVC_BOOTSTRAP_ADMIN_EMAIL", ADMIN,
                "USERSVC_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD);
        first = UserServiceServer.start(AppConfig.from(env));
        second = UserServiceServer.start(AppConfig.from(env));
        String admin = json(send(first, "POST", "/auth/login", "application/json",
                JSON.writeValueAsString(Map.of("email", ADMIN, "password", PASSWORD)), Map.of())).path("accessToken").asText();
        JsonNode client = json(send(first, "POST", "/admin/clients", "application/json", JSON.writeValueAsString(Map.of(
                "name", "Wiki", "redirectUris", List.of(REDIRECT), "grantTypes", List.of("authorization_code",
                        "refresh_token"))), Map.of("Authorization", "Bearer " + admin)));
        clientId = client.path("clientId").asText();
        clientSecret = client.path("clientSecret").asText();
    }

    @AfterEach
    void stopInstances() {
        first.close();
        second.close();
    }

    @Test
    void aCodeIssuedOnOneInstanceIsRedeemedOnTheOther() throws Exception {
        String verifier = verifier();
        String code = authorize(first, verifier);

        HttpResponse<String> tokens = redeem(second, code, verifier);

        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode body = json(tokens);
        assertThat(body.path("id_token").asText()).isNotEmpty();
        String access = body.path("access_token").asText();
        assertThat(send(first, "GET", "/oidc/userinfo", null, null, Map.of("Authorization", "Bearer " + access))
                .statusCode()).isEqualTo(200);
        assertThat(redeem(first, code, verifier).statusCode()).as("the replay on the other instance").isEqualTo(400);
        assertThat(send(second, "GET", "/oidc/userinfo", null, null, Map.of("Authorization", "Bearer " + access))
                .statusCode()).as("the replay revoked what the code gave").isEqualTo(401);
    }

    @Test
    void twoRedemptionsOfOneCodeRacingOnBothInstancesNeverBothGetTokens() throws Exception {
        for (int round = 0; round < 5; round++) {
            String verifier = verifier();
            String code = authorize(first, verifier);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (UserServiceServer instance : List.of(first, second)) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return redeem(instance, code, verifier);
                }));
            }
            go.countDown();
            List<HttpResponse<String>> replies = new ArrayList<>();
            for (Future<HttpResponse<String>> call : calls) {
                replies.add(call.get(30, TimeUnit.SECONDS));
            }
            pool.shutdownNow();

            List<HttpResponse<String>> won = replies.stream().filter(r -> r.statusCode() == 200).toList();
            assertThat(won).hasSizeLessThanOrEqualTo(1);
            assertThat(replies).filteredOn(r -> r.statusCode() == 400)
                    .allSatisfy(r -> assertThat(json(r).path("error").asText()).isEqualTo("invalid_grant"));
            for (HttpResponse<String> winner : won) {
                String access = json(winner).path("access_token").asText();
                assertThat(send(first, "GET", "/user", null, null, Map.of("Authorization", "Bearer " + access))
                        .statusCode()).as("a replay, however close, revokes the winner's tokens").isEqualTo(401);
            }
        }
    }

    /** Signs in on the instance's sign-in page (its first time: no session cookie) and returns the code. */
    private String authorize(UserServiceServer instance, String verifier) throws Exception {
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String query = "response_type=code&scope=openid&client_id=" + clientId + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&state=s1&code_challenge=" + challenge
                + "&code_challenge_method=S256";
        HttpResponse<String> page = send(instance, "GET", "/oidc/authorize?" + query, null, null, Map.of());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(page.body());
        while (m.find()) {
            fields.put(m.group(1), m.group(2).replace("&amp;", "&"));
        }
        fields.put("email", ADMIN);
        fields.put("password", PASSWORD);
        HttpResponse<String> back = send(instance, "POST", "/oidc/authorize/signin", "application/x-www-form-urlencoded",
                form(fields), Map.of());
        assertThat(back.statusCode()).as(back.body()).isEqualTo(303);
        String location = back.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?code=").contains("&iss=" + URLEncoder.encode("https://id.example.com",
                StandardCharsets.UTF_8));
        String codeParam = location.substring(location.indexOf("code=") + 5);
        return URLDecoder.decode(codeParam.substring(0, codeParam.indexOf('&')), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> redeem(UserServiceServer instance, String code, String verifier) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        return send(instance, "POST", "/oidc/token", "application/x-www-form-urlencoded", form(Map.of(
                "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT, "code_verifier", verifier)),
                Map.of("Authorization", "Basic " + basic));
    }

    private static String verifier() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private HttpResponse<String> send(UserServiceServer instance, String method, String path, String contentType,
                                      String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }
}
