package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person signs in to a small relying party (served by this test on loopback) through the
 * provider's authorization endpoint in headless Chromium, and signs out through end session.
 * The relying party does what any confidential client does: PKCE and state, the code redeemed with
 * its secret, userinfo with the access token, logout with the ID token as hint.
 */
class OidcBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin@example.com";
    private static final String PASSWORD = "a long enough password";

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> verifiers = new ConcurrentHashMap<>();
    private UserServiceServer server;
    private HttpServer relyingParty;
    private Browser browser;
    private String base;
    private String rpBase;
    private String clientId;
    private String clientSecret;
    private volatile String idToken;

    @BeforeEach
    void start() throws Exception {
        browser = Browser.start();
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        server = UserServiceServer.start(AppConfig.from(Map.of(
                "USERSVC_PORT", Integer.toString(port),
                "USERSVC_HOST", "127.0.0.1",
                "USERSVC_DB_URL", "jdbc:h2:mem:oidc-browser-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "USERSVC_PUBLIC_URL", base,
                "USERSVC_BCRYPT_COST", "4",
                "USERSVC_BOOTSTRAP_ADMIN_EMAIL", ADMIN,
                "USERSVC_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD)));
        relyingParty = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        rpBase = "http://127.0.0.1:" + relyingParty.getAddress().getPort();
        relyingParty.createContext("/login", this::login);
        relyingParty.createContext("/callback", this::callback);
        relyingParty.createContext("/logout", this::logout);
        relyingParty.createContext("/bye", exchange -> page(exchange, "<h1 id=\"bye\">Signed out of the wiki</h1>"));
        relyingParty.start();
        String admin = post("/auth/login", "application/json",
                JSON.writeValueAsString(Map.of("email", ADMIN, "password", PASSWORD)), null).path("accessToken").asText();
        JsonNode client = post("/admin/clients", "application/json", JSON.writeValueAsString(Map.of("name", "Team wiki",
                "redirectUris", List.of(rpBase + "/callback"), "postLogoutRedirectUris", List.of(rpBase + "/bye"))),
                "Bearer " + admin);
        clientId = client.path("clientId").asText();
        clientSecret = client.path("clientSecret").asText();
    }

    @AfterEach
    void stop() throws IOException {
        try {
            if (relyingParty != null) {
                relyingParty.stop(0);
            }
            if (server != null) {
                server.close();
            }
        } finally {
            if (browser != null) {
                browser.close();
            }
        }
    }

    @Test
    void aPersonSignsInToTheRelyingPartyAndSignsOutThroughEndSession() {
        ChromeDriver page = browser.driver;
        WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(20));

        page.get(rpBase + "/login");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("password")));
        assertThat(page.getCurrentUrl()).startsWith(base + "/oidc/authorize");
        assertThat(page.findElement(By.tagName("main")).getText()).contains("Team wiki");
        assertThat(seriousViolations(page)).as("the sign-in page").isEmpty();
        page.findElement(By.id("email")).sendKeys(ADMIN);
        page.findElement(By.id("password")).sendKeys("not the password");
        page.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=alert]")));
        assertThat(page.findElement(By.id("email")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(seriousViolations(page)).as("the sign-in page with its error").isEmpty();
        page.findElement(By.id("email")).clear();
        page.findElement(By.id("email")).sendKeys(ADMIN);
        page.findElement(By.id("password")).sendKeys(PASSWORD);
        page.findElement(By.cssSelector("button[type=submit]")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("who")));
        assertThat(page.findElement(By.id("who")).getText()).isEqualTo("Signed in as " + ADMIN);

        page.get(rpBase + "/login");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("who")));
        assertThat(page.findElement(By.id("who")).getText()).as("single sign-on: no page the second time")
                .isEqualTo("Signed in as " + ADMIN);

        page.get(rpBase + "/logout");
        wait.until(ExpectedConditions.urlContains("/oidc/logout"));
        assertThat(seriousViolations(page)).as("the sign-out confirmation").isEmpty();
        page.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("bye")));
        assertThat(page.getCurrentUrl()).startsWith(rpBase + "/bye?state=");

        page.get(rpBase + "/login");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("password")));
        assertThat(page.getCurrentUrl()).startsWith(base + "/oidc/authorize");
    }

    /** Deque's axe-core on the page: every serious or critical violation, as one line each. */
    private static List<String> seriousViolations(ChromeDriver page) {
        try (java.io.InputStream in = OidcBrowserTest.class.getResourceAsStream("/axe.min.js")) {
            assertThat(in).as("axe.min.js from com.deque.html.axe-core:selenium").isNotNull();
            page.executeScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            page.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            Object result = page.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',"
                    + " 'wcag22aa', 'best-practice']}, resultTypes: ['violations']})"
                    + ".then(r => done(JSON.stringify(r.violations)), e => done('failed: ' + e));");
            assertThat(result).asString().doesNotStartWith("failed:");
            List<String> serious = new java.util.ArrayList<>();
            for (JsonNode violation : JSON.readTree((String) result)) {
                String impact = violation.path("impact").asText();
                if (impact.equals("serious") || impact.equals("critical")) {
                    serious.add(impact + " " + violation.path("id").asText() + ": " + violation.path("nodes"));
                }
            }
            return serious;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void login(HttpExchange exchange) throws IOException {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(bytes, 12));
        verifiers.put(state, verifier);
        String challenge;
        try {
            challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        redirect(exchange, base + "/oidc/authorize?response_type=code&scope=openid%20email&client_id=" + clientId
                + "&redirect_uri=" + encode(rpBase + "/callback") + "&state=" + state + "&code_challenge=" + challenge
                + "&code_challenge_method=S256");
    }

    private void callback(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI());
        String verifier = verifiers.remove(query.getOrDefault("state", ""));
        if (verifier == null || !query.containsKey("code")) {
            page(exchange, "<h1 id=\"error\">" + query + "</h1>");
            return;
        }
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        JsonNode tokens = post("/oidc/token", "application/x-www-form-urlencoded", "grant_type=authorization_code&code="
                + encode(query.get("code")) + "&redirect_uri=" + encode(rpBase + "/callback") + "&code_verifier="
                + verifier, "Basic " + basic);
        idToken = tokens.path("id_token").asText();
        JsonNode me = get("/oidc/userinfo", "Bearer " + tokens.path("access_token").asText());
        page(exchange, "<h1 id=\"who\">Signed in as " + me.path("email").asText() + "</h1>");
    }

    private void logout(HttpExchange exchange) throws IOException {
        redirect(exchange, base + "/oidc/logout?id_token_hint=" + idToken + "&post_logout_redirect_uri="
                + encode(rpBase + "/bye") + "&state=after-logout");
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void page(HttpExchange exchange, String body) throws IOException {
        byte[] html = ("<!DOCTYPE html><html lang=\"en\"><head><title>Wiki</title></head><body>" + body
                + "</body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, html.length);
        exchange.getResponseBody().write(html);
        exchange.close();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private JsonNode post(String path, String contentType, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    private JsonNode get(String path, String authorization) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization).GET());
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            return JSON.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
