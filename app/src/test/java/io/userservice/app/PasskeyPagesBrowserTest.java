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
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * A passkey on the other hosted pages, in a real browser with Chromium's virtual authenticator:
 * the OpenID Connect sign-in page signs in to a small relying party served by this test (on
 * loopback) with the passkey alone, and the portal's second page takes the passkey after the
 * password of an account with two-factor authentication on.
 */
class PasskeyPagesBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin@example.com";
    private static final String EMAIL = "ann@example.com";
    private static final String PASSWORD = "correct horse battery";

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> verifiers = new ConcurrentHashMap<>();
    private UserServiceServer server;
    private HttpServer relyingParty;
    private Browser browser;
    private WebDriver page;
    private VirtualAuthenticator authenticator;
    private String base;
    private String rpBase;
    private String clientId;
    private String clientSecret;

    @BeforeEach
    void start() throws Exception {
        browser = Browser.start();
        page = browser.driver;
        authenticator = browser.driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
        int port = freePort();
        // localhost, not 127.0.0.1: an IP address cannot be a WebAuthn relying party id
        base = "http://localhost:" + port;
        server = UserServiceServer.start(AppConfig.from(Map.of(
                "USERSVC_PORT", Integer.toString(port),
                "USERSVC_HOST", "127.0.0.1",
                "USERSVC_DB_URL", "jdbc:h2:mem:passkey-pages-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "USERSVC_PUBLIC_URL", base,
                "USERSVC_REQUIRE_CONFIRMATION", "false",
                "USERSVC_BCRYPT_COST", "4",
                "USERSVC_BOOTSTRAP_ADMIN_EMAIL", ADMIN,
                "USERSVC_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD)));
        relyingParty = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        rpBase = "http://127.0.0.1:" + relyingParty.getAddress().getPort();
        relyingParty.createContext("/login", this::login);
        relyingParty.createContext("/callback", this::callback);
        relyingParty.start();
        assertThat(post("/users", "application/json", JSON.writeValueAsString(Map.of("email", EMAIL,
                "password", PASSWORD)), null).path("status").asText()).isEqualTo("success");
        String admin = post("/auth/login", "application/json",
                JSON.writeValueAsString(Map.of("email", ADMIN, "password", PASSWORD)), null).path("accessToken").asText();
        JsonNode client = post("/admin/clients", "application/json", JSON.writeValueAsString(Map.of("name", "Team wiki",
                "redirectUris", List.of(rpBase + "/callback"), "postLogoutRedirectUris", List.of())), "Bearer " + admin);
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
    void aPasskeyOnTheOidcSignInPageReachesTheRelyingPartyWithTwoFactors() {
        addAPasskeyThroughThePortal();
        page.manage().deleteAllCookies();

        page.get(rpBase + "/login");
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-signin")));
        assertThat(page.getCurrentUrl()).startsWith(base + "/oidc/authorize");
        page.findElement(By.id("passkey-signin")).click();

        await().until(ExpectedConditions.presenceOfElementLocated(By.id("who")));
        assertThat(page.getCurrentUrl()).startsWith(rpBase + "/callback?code=");
        assertThat(page.findElement(By.id("who")).getText()).isEqualTo("Signed in as " + EMAIL);
        assertThat(page.findElement(By.id("amr")).getText()).isEqualTo("[\"pop\",\"user\"]");
        assertThat(page.findElement(By.id("acr")).getText()).isEqualTo("2");

        page.get(base + "/en/");
        assertThat(page.findElement(By.tagName("h1")).getText()).as("the portal session began too").contains("Hello");
    }

    @Test
    void thePortalsSecondPageTakesThePasskeyAfterThePassword() throws Exception {
        addAPasskeyThroughThePortal();
        turnOnTwoFactors();
        page.findElement(By.cssSelector("form[action='/en/user/signout'] button")).click();
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("password")));

        page.findElement(By.id("email")).sendKeys(EMAIL);
        page.findElement(By.id("password")).sendKeys(PASSWORD);
        page.findElement(By.cssSelector("form[action='/en/user/signin'] button[type=submit]")).click();
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-signin")));
        assertThat(page.findElements(By.id("code"))).isNotEmpty();
        page.findElement(By.id("passkey-signin")).click();

        await().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Hello"));
        assertThat(page.getCurrentUrl()).isEqualTo(base + "/en/");
        assertThat(page.findElement(By.tagName("body")).getText()).contains(EMAIL);
    }

    private void addAPasskeyThroughThePortal() {
        page.get(base + "/en/");
        page.findElement(By.id("email")).sendKeys(EMAIL);
        page.findElement(By.id("password")).sendKeys(PASSWORD);
        page.findElement(By.cssSelector("form[action='/en/user/signin'] button[type=submit]")).click();
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Hello"));
        page.findElement(By.linkText("Passkeys")).click();
        page.findElement(By.id("passkey-password")).sendKeys(PASSWORD);
        page.findElement(By.id("passkey-register")).click();
        await().until(ExpectedConditions.urlContains("info=added"));
        assertThat(authenticator.getCredentials()).hasSize(1);
        page.findElement(By.linkText("Account home")).click();
    }

    private void turnOnTwoFactors() throws Exception {
        String token = "Bearer " + post("/auth/login", "application/json",
                JSON.writeValueAsString(Map.of("email", EMAIL, "password", PASSWORD)), null).path("accessToken").asText();
        String secret = post("/user/mfa/totp", "application/json", JSON.writeValueAsString(Map.of("password",
                PASSWORD)), token).path("secret").asText();
        JsonNode confirmed = post("/user/mfa/totp/confirm", "application/json",
                JSON.writeValueAsString(Map.of("code", totp(secret, Instant.now()))), token);
        assertThat(confirmed.path("recoveryCodes")).hasSize(10);
    }

    private static String totp(String secret, Instant at) throws Exception {
        int padded = (secret.length() + 7) / 8 * 8;
        byte[] key = org.bouncycastle.util.encoders.Base32.decode(secret + "=".repeat(padded - secret.length()));
        return String.format(java.util.Locale.ROOT, "%06d", new com.eatthepath.otp.TimeBasedOneTimePasswordGenerator()
                .generateOneTimePassword(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA1"), at));
    }

    private WebDriverWait await() {
        WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(30));
        wait.ignoring(WebDriverException.class);
        return wait;
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

    /** Redeems the code and shows who signed in and how, as the ID token says. */
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
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(tokens.path("id_token").asText().split("\\.")[1]));
        page(exchange, "<h1 id=\"who\">Signed in as " + claims.path("email").asText() + "</h1>"
                + "<p id=\"amr\">" + claims.path("amr") + "</p><p id=\"acr\">" + claims.path("acr").asText() + "</p>");
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
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + URI.create(base).getPort()
                + path)).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
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
