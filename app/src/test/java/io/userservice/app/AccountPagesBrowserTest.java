package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages behind the mail links in a real browser against the real server: the link is taken
 * from the mail GreenMail received, opened in headless Chromium, and its button pressed.
 */
class AccountPagesBrowserTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAIL_WAIT_MILLIS = 30_000;

    private final HttpClient http = HttpClient.newHttpClient();
    private UserServiceServer server;
    private String base;
    private Browser browser;
    private WebDriver page;

    @BeforeEach
    void start() throws IOException {
        browser = Browser.start();
        page = browser.driver;
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        server = UserServiceServer.start(AppConfig.from(Map.of(
                "USERSVC_PORT", Integer.toString(port),
                "USERSVC_HOST", "127.0.0.1",
                "USERSVC_DB_URL", "jdbc:h2:mem:browser-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "USERSVC_PUBLIC_URL", base,
                "USERSVC_SMTP_HOST", "127.0.0.1",
                "USERSVC_SMTP_PORT", Integer.toString(SMTP.getSmtp().getPort()),
                "USERSVC_SMTP_STARTTLS", "none",
                "USERSVC_MAIL_FROM", "accounts@example.com",
                "USERSVC_MAIL_POLL_INTERVAL", "PT0.1S",
                "USERSVC_BCRYPT_COST", "4")));
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
    void theConfirmationLinkOpensAPageWhoseButtonConfirmsTheEmail() throws Exception {
        api("/users", Map.of("email", "browser@example.com", "password", "long enough"), 201);
        String link = linkFromMail(1, "/en/user/confirm?code=");

        page.get(link);
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Confirm your email");
        assertThat(api("/auth/login", Map.of("email", "browser@example.com", "password", "long enough"), 403))
                .as("opening the page confirmed nothing").isNotNull();
        submit();

        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Email confirmed");
        api("/auth/login", Map.of("email", "browser@example.com", "password", "long enough"), 200);

        page.get(link);
        submit();
        assertThat(page.findElement(By.tagName("p")).getText()).contains("has already been used");
    }

    @Test
    void theResetLinkOpensAFormThatExplainsATooShortPasswordAndSetsTheNewOne() throws Exception {
        api("/users", Map.of("email", "reset@example.com", "password", "old password"), 201);
        page.get(linkFromMail(1, "/en/user/confirm?code="));
        submit();
        api("/users/password/reset", Map.of("email", "reset@example.com"), 202);
        String link = linkFromMail(2, "/en/user/resetPassword/complete?code=");

        page.get(link);
        assertThat(page.findElement(By.id("rules")).getText()).contains("at least 8 and at most 1024 characters");
        page.findElement(By.name("password")).sendKeys("short");
        submit();
        assertThat(page.findElement(By.cssSelector("[role=alert]")).getText())
                .isEqualTo("The password must be at least 8 characters long.");
        page.findElement(By.name("password")).sendKeys("a brand new password");
        submit();

        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Password changed");
        api("/auth/login", Map.of("email", "reset@example.com", "password", "old password"), 401);
        api("/auth/login", Map.of("email", "reset@example.com", "password", "a brand new password"), 200);
    }

    @Test
    void aGermanReaderGetsAGermanMailAndGermanPages() throws Exception {
        api("/users", Map.of("email", "leser@example.com", "password", "langes Passwort", "firstname", "Lea",
                "language", "de"), 201);
        String link = linkFromMail(1, "/de/user/confirm?code=");
        assertThat(SMTP.getReceivedMessages()[0].getSubject()).isEqualTo("Bestätigen Sie Ihre E-Mail-Adresse für"
                + " User Service");

        page.get(link);
        assertThat(page.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
        submit();

        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("E-Mail-Adresse bestätigt");
        api("/auth/login", Map.of("email", "leser@example.com", "password", "langes Passwort"), 200);
    }

    /** Presses the page's button and waits for the next page. */
    private void submit() {
        WebElement button = page.findElement(By.cssSelector("button[type=submit]"));
        button.click();
        // while the next page loads, the browser may also answer that the old element is gone
        new WebDriverWait(page, Duration.ofSeconds(30)).ignoring(WebDriverException.class)
                .until(ExpectedConditions.stalenessOf(button));
    }

    private String linkFromMail(int expectedMails, String path) throws Exception {
        assertThat(SMTP.waitForIncomingEmail(MAIL_WAIT_MILLIS, expectedMails)).isTrue();
        MimeMessage[] messages = SMTP.getReceivedMessages();
        String body = GreenMailUtil.getBody(messages[expectedMails - 1]).replace("=\r\n", "").replace("=3D", "=");
        Matcher matcher = Pattern.compile(Pattern.quote(base + path) + "[A-Za-z0-9_%-]+").matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group();
    }

    private String api(String path, Object body, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(expectedStatus);
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
