package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userservice.core.contract.SoftwareAuthenticator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Passkeys in a real browser against the real server: Chromium's virtual authenticator (CTAP2,
 * resident keys, user verification) stands in for the device's platform authenticator.
 */
class PasskeysBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EMAIL = "ann@example.com";
    private static final String PASSWORD = "correct horse battery";

    private final HttpClient http = HttpClient.newHttpClient();
    private UserServiceServer server;
    private int port;
    private String base;
    private Browser browser;
    private WebDriver page;
    private VirtualAuthenticator authenticator;

    @BeforeEach
    void start() throws IOException, InterruptedException {
        browser = Browser.start();
        page = browser.driver;
        authenticator = browser.driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
        port = freePort();
        // localhost, not 127.0.0.1: an IP address cannot be a WebAuthn relying party id
        base = "http://localhost:" + port;
        server = UserServiceServer.start(AppConfig.from(Map.of(
                "USERSVC_PORT", Integer.toString(port),
                "USERSVC_HOST", "127.0.0.1",
                "USERSVC_DB_URL", "jdbc:h2:mem:passkeys-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "USERSVC_PUBLIC_URL", base,
                "USERSVC_REQUIRE_CONFIRMATION", "false",
                "USERSVC_BCRYPT_COST", "4")));
        HttpResponse<String> created = post("/users", Map.of("email", EMAIL, "password", PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aPasskeyAddedOnThePortalPageSignsInWithoutThePassword() {
        addAPasskeyThroughThePortal();
        page.findElement(By.linkText("Account home")).click();
        page.findElement(By.cssSelector("form[action='/en/user/signout'] button")).click();
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-signin")));

        page.findElement(By.id("passkey-signin")).click();

        await().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Hello"));
        assertThat(page.getCurrentUrl()).isEqualTo(base + "/en/");
        assertThat(page.findElement(By.tagName("body")).getText()).contains(EMAIL);
        assertThat(page.findElements(By.id("password"))).isEmpty();
        page.findElement(By.linkText("Passkeys")).click();
        assertThat(page.findElement(By.cssSelector(".passkeys time")).getText()).isNotBlank();
    }

    @Test
    void aPasskeyOfThisOriginIsRefusedAtAnother() throws IOException, InterruptedException {
        addAPasskeyThroughThePortal();
        List<Credential> credentials = authenticator.getCredentials();
        assertThat(credentials).hasSize(1);
        Credential credential = credentials.get(0);
        assertThat(credential.getRpId()).isEqualTo("localhost");

        // the same server reached at another origin: the browser will not use the passkey there
        page.manage().deleteAllCookies();
        page.get("http://127.0.0.1:" + port + "/en/");
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-signin"))).click();
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-message")));
        assertThat(page.findElement(By.id("passkey-message")).getText()).contains("did not work");
        assertThat(page.findElements(By.id("password"))).isNotEmpty();

        // and the credential's own key, asserting for another origin or relying party, is refused by the server
        for (String[] elsewhere : new String[][] {{"https://evil.example.net", "localhost"},
                {base, "evil.example.net"}, {"http://localhost:" + (port + 1), "localhost"}}) {
            SoftwareAuthenticator copy = SoftwareAuthenticator.ofCredential(elsewhere[0], elsewhere[1],
                    credential.getId(), credential.getPrivateKey().getEncoded(), credential.getUserHandle(),
                    credential.getSignCount() + 10);
            String challenge = JSON.readTree(post("/auth/passkey/options", Map.of()).body()).path("challenge").asText();
            HttpResponse<String> refused = post("/auth/passkey",
                    Map.of("credential", JSON.readTree(copy.assertion(challenge))));
            assertThat(refused.statusCode()).as(String.join(" ", elsewhere)).isEqualTo(401);
            assertThat(JSON.readTree(refused.body()).path("error").path("code").asText()).isEqualTo("invalid_passkey");
        }
        SoftwareAuthenticator same = SoftwareAuthenticator.ofCredential(base, "localhost", credential.getId(),
                credential.getPrivateKey().getEncoded(), credential.getUserHandle(), credential.getSignCount() + 20);
        String challenge = JSON.readTree(post("/auth/passkey/options", Map.of()).body()).path("challenge").asText();
        JsonNode accepted = JSON.readTree(post("/auth/passkey", Map.of("credential",
                JSON.readTree(same.assertion(challenge)))).body());
        assertThat(accepted.path("user").path("email").asText()).as("the same key at the right origin works").isEqualTo(EMAIL);
    }

    private void addAPasskeyThroughThePortal() {
        page.get(base + "/en/");
        page.findElement(By.id("email")).sendKeys(EMAIL);
        page.findElement(By.id("password")).sendKeys(PASSWORD);
        page.findElement(By.cssSelector("form[action='/en/user/signin'] button[type=submit]")).click();
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Hello"));
        page.findElement(By.linkText("Passkeys")).click();
        assertThat(page.findElement(By.id("no-passkeys")).isDisplayed()).isTrue();
        page.findElement(By.id("passkey-password")).sendKeys(PASSWORD);
        page.findElement(By.id("passkey-name")).sendKeys("This laptop");
        page.findElement(By.id("passkey-register")).click();
        await().until(ExpectedConditions.urlContains("info=added"));
        assertThat(page.findElement(By.cssSelector(".passkey-name")).getText()).isEqualTo("This laptop");
        assertThat(authenticator.getCredentials()).hasSize(1);
    }

    private WebDriverWait await() {
        WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(30));
        wait.ignoring(WebDriverException.class);
        return wait;
    }

    private HttpResponse<String> post(String path, Object body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
