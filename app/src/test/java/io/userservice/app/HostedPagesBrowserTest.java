package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every hosted page, walked through as a person would in headless Chromium, in every built-in
 * language, on a phone and a desktop, in the light and the dark scheme: Deque's axe-core finds no
 * serious or critical accessibility violation, the page says its language and its localized title,
 * and nothing scrolls sideways. Screenshots of each go to {@code target/pages/{lang}/}, and the
 * English ones make {@code target/pages/contact-sheet.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostedPagesBrowserTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    static final Path SCREENSHOTS = Path.of("target", "pages");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRODUCT = "User Service";
    private static final String PASSWORD = "a long enough password";
    private static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");
    private static final List<String> AXE_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
            "best-practice");

    /** A viewport the pages are checked on. */
    private record Viewport(String name, int width, int height, boolean mobile) {
    }

    private static final List<Viewport> VIEWPORTS = List.of(new Viewport("phone", 375, 812, true),
            new Viewport("desktop", 1280, 900, false));
    private static final List<String> SCHEMES = List.of("light", "dark");

    private final HttpClient http = HttpClient.newHttpClient();
    private final Set<String> usedLinks = new HashSet<>();
    private UserServiceServer server;
    private String base;
    private Browser browser;
    private ChromeDriver page;
    private String axe;

    @BeforeAll
    void start() throws IOException {
        browser = Browser.start();
        page = browser.driver;
        page.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        try (InputStream in = HostedPagesBrowserTest.class.getResourceAsStream("/axe.min.js")) {
            assertThat(in).as("axe.min.js from com.deque.html.axe-core:selenium").isNotNull();
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        server = UserServiceServer.start(AppConfig.from(Map.of(
                "USERSVC_PORT", Integer.toString(port),
                "USERSVC_HOST", "127.0.0.1",
                "USERSVC_DB_URL", "jdbc:h2:mem:pages-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "USERSVC_PUBLIC_URL", base,
                "USERSVC_SMTP_HOST", "127.0.0.1",
                "USERSVC_SMTP_PORT", Integer.toString(SMTP.getSmtp().getPort()),
                "USERSVC_SMTP_STARTTLS", "none",
                "USERSVC_MAIL_FROM", "accounts@example.com",
                "USERSVC_MAIL_POLL_INTERVAL", "PT0.1S",
                "USERSVC_BCRYPT_COST", "4")));
    }

    @AfterAll
    void stop() throws IOException {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (browser != null) {
                browser.close();
            }
        }
        Path english = SCREENSHOTS.resolve("en");
        if (Files.exists(english.resolve("sign-in-phone-light.png"))) {
            ContactSheet.write(english, SCREENSHOTS.resolve("contact-sheet.png"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de", "fr", "es"})
    void everyPageInEveryLanguageOnAPhoneAndADesktopInBothSchemes(String lang) throws Exception {
        Properties texts = texts(lang);
        String reader = "reader-" + lang + "@example.com";
        String newcomer = "newcomer-" + lang + "@example.com";
        registerConfirmed(reader, lang);

        open("/" + lang + "/");
        check(lang, "sign-in", texts, "portal.signin.title");
        assertThat(page.findElement(By.id("email")).getAttribute("autocomplete")).isEqualTo("username");
        assertThat(page.findElement(By.id("password")).getAttribute("autocomplete")).isEqualTo("current-password");

        page.findElement(By.id("email")).sendKeys(reader);
        page.findElement(By.id("password")).sendKeys("not the password");
        submit();
        check(lang, "sign-in-error", texts, "portal.signin.title");
        assertAnnouncedAndTiedTo("email", texts.getProperty("portal.error.credentials"));

        page.findElement(By.id("email")).sendKeys(reader);
        page.findElement(By.id("password")).sendKeys(PASSWORD);
        submit();
        check(lang, "home", texts, "portal.home.title");

        follow(page.findElement(By.linkText(texts.getProperty("portal.password.title"))));
        check(lang, "change-password", texts, "portal.password.title");
        assertThat(page.findElement(By.id("currentPassword")).getAttribute("autocomplete"))
                .isEqualTo("current-password");
        assertThat(page.findElement(By.id("newPassword")).getAttribute("autocomplete")).isEqualTo("new-password");
        page.findElement(By.id("currentPassword")).sendKeys("not the password");
        page.findElement(By.id("newPassword")).sendKeys("a brand new password");
        submit();
        check(lang, "change-password-error", texts, "portal.password.title");
        assertAnnouncedAndTiedTo("currentPassword", texts.getProperty("portal.password.wrong"));

        api("/auth/login", Map.of("email", reader, "password", PASSWORD), 200);
        open("/" + lang + "/");
        follow(page.findElement(By.linkText(texts.getProperty("portal.sessions.title"))));
        check(lang, "sessions", texts, "portal.sessions.title");
        assertThat(page.findElements(By.cssSelector(".sessions li"))).isNotEmpty();

        open("/" + lang + "/");
        follow(page.findElement(By.linkText(texts.getProperty("portal.delete.title"))));
        check(lang, "delete-account", texts, "portal.delete.title");

        open("/" + lang + "/");
        submit();
        check(lang, "signed-out", texts, "portal.signin.title");
        assertThat(page.findElement(By.cssSelector("[role=status]")).getText())
                .isEqualTo(texts.getProperty("portal.info.signedout"));

        follow(page.findElement(By.linkText(texts.getProperty("portal.forgot"))));
        check(lang, "forgot", texts, "forgot.title");

        page.findElement(By.id("email")).sendKeys("someone@localhost");
        submit();
        check(lang, "forgot-error", texts, "forgot.title");
        assertAnnouncedAndTiedTo("email", texts.getProperty("forgot.invalidEmail"));
        assertThat(page.findElement(By.id("email")).getAttribute("value")).isEqualTo("someone@localhost");

        page.findElement(By.id("email")).clear();
        page.findElement(By.id("email")).sendKeys(reader);
        submit();
        check(lang, "forgot-sent", texts, "forgot.sent.title");

        open(linkFromMail(reader, "/" + lang + "/user/resetPassword/complete?code="));
        check(lang, "reset", texts, "reset.title");
        assertThat(page.findElement(By.id("password")).getAttribute("autocomplete")).isEqualTo("new-password");
        assertThat(page.findElement(By.id("password")).getAttribute("aria-describedby")).isEqualTo("rules");
        String code = page.findElement(By.name("code")).getAttribute("value");

        page.findElement(By.id("password")).sendKeys("short");
        submit();
        check(lang, "reset-error", texts, "reset.title");
        assertAnnouncedAndTiedTo("password", texts.getProperty("password.tooShort").replace("{min}", "8"));
        assertThat(page.findElement(By.name("code")).getAttribute("value")).as("the form keeps its code").isEqualTo(code);

        page.findElement(By.id("password")).sendKeys("a brand new password");
        submit();
        check(lang, "reset-done", texts, "reset.done.title");
        api("/auth/login", Map.of("email", reader, "password", "a brand new password"), 200);

        api("/users", Map.of("email", newcomer, "password", PASSWORD, "language", lang), 201);
        String confirmLink = linkFromMail(newcomer, "/" + lang + "/user/confirm?code=");
        open(confirmLink);
        check(lang, "confirm", texts, "confirm.title");
        assertThat(page.findElement(By.tagName("p")).getText()).contains(PRODUCT);
        submit();
        check(lang, "confirmed", texts, "confirmed.title");

        open(confirmLink);
        submit();
        check(lang, "link-problem", texts, "confirm.title");
        assertThat(page.findElement(By.cssSelector("[role=alert]")).getText())
                .isEqualTo(texts.getProperty("link.problem"));
    }

    @Test
    void signingInAndOutWorksWithTheKeyboardAloneAndFocusIsAlwaysVisible() throws Exception {
        registerConfirmed("keys@example.com", "en");
        open("/en/");

        new Actions(page).sendKeys(Keys.TAB).perform();
        assertFocused("email");
        new Actions(page).sendKeys("keys@example.com", Keys.TAB).perform();
        assertFocused("password");
        new Actions(page).sendKeys(Keys.TAB).perform();
        assertThat(focused().getTagName()).isEqualTo("button");
        assertFocusVisible();
        new Actions(page).sendKeys(Keys.TAB).perform();
        assertThat(focused().getAttribute("href")).endsWith("/en/user/forgot");
        assertFocusVisible();
        new Actions(page).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertFocused("password");
        WebElement form = page.findElement(By.tagName("form"));
        new Actions(page).sendKeys(PASSWORD, Keys.ENTER).perform();
        waitUntilGone(form);
        assertThat(page.getTitle()).startsWith("Your account");

        for (String link : List.of("/en/user/password", "/en/user/sessions", "/en/user/passkeys", "/en/user/delete")) {
            new Actions(page).sendKeys(Keys.TAB).perform();
            assertThat(focused().getAttribute("href")).endsWith(link);
            assertFocusVisible();
        }
        new Actions(page).sendKeys(Keys.TAB).perform();
        assertThat(focused().getText()).isEqualTo("Sign out");
        assertFocusVisible();
        WebElement button = focused();
        new Actions(page).sendKeys(Keys.ENTER).perform();
        waitUntilGone(button);
        assertThat(page.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("You have signed out.");
    }

    @Test
    void theAccessibilityCheckFindsAViolationWhenThereIsOne() throws Exception {
        open("/en/");
        assertThat(seriousViolations()).isEmpty();

        page.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
        page.executeScript("document.querySelector(\"label[for='password']\").remove();"
                + "document.querySelector('h1').style.color = '#e8e8e8';");

        assertThat(seriousViolations()).anySatisfy(line -> assertThat(line).contains("label"))
                .anySatisfy(line -> assertThat(line).contains("color-contrast"));
    }

    /** The page's language and title, then every viewport and scheme: axe, no sideways scroll, a screenshot. */
    private void check(String lang, String name, Properties texts, String titleKey) throws IOException {
        assertThat(page.findElement(By.tagName("html")).getAttribute("lang")).as(name).isEqualTo(lang);
        assertThat(page.getTitle()).as(name).isEqualTo(texts.getProperty(titleKey) + " – " + PRODUCT);
        assertThat(page.findElement(By.tagName("h1")).getText()).as(name).isNotBlank();
        assertThat(page.findElements(By.cssSelector("footer a[href='/" + lang + "/']"))).as(name + ": a way home")
                .hasSize(1);
        Path directory = Files.createDirectories(SCREENSHOTS.resolve(lang));
        try {
            for (Viewport viewport : VIEWPORTS) {
                page.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", viewport.width(),
                        "height", viewport.height(), "deviceScaleFactor", 1, "mobile", viewport.mobile()));
                for (String scheme : SCHEMES) {
                    page.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                            List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
                    String where = lang + " " + name + " on a " + viewport.name() + " in " + scheme;
                    assertThat(seriousViolations()).as(where).isEmpty();
                    assertThat((Boolean) page.executeScript("return document.documentElement.scrollWidth"
                            + " > document.documentElement.clientWidth")).as(where + ": sideways scroll").isFalse();
                    Files.write(directory.resolve(name + "-" + viewport.name() + "-" + scheme + ".png"),
                            page.getScreenshotAs(OutputType.BYTES));
                }
            }
        } finally {
            page.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            page.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
    }

    /** Runs axe-core on the page; each serious or critical violation as one readable line. */
    private List<String> seriousViolations() throws IOException {
        if (!Boolean.TRUE.equals(page.executeScript("return typeof window.axe === 'object'"))) {
            page.executeScript(axe);
        }
        Object result = page.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
                + ".then(r => done(JSON.stringify(r.violations)), e => done('failed: ' + e));", AXE_TAGS);
        assertThat(result).asString().doesNotStartWith("failed:");
        List<String> serious = new ArrayList<>();
        for (JsonNode violation : JSON.readTree((String) result)) {
            if (FAILING_IMPACTS.contains(violation.path("impact").asText())) {
                List<String> targets = new ArrayList<>();
                violation.path("nodes").forEach(node -> targets.add(node.path("target").toString()
                        + " " + node.path("failureSummary").asText().replace('\n', ' ')));
                serious.add(violation.path("impact").asText() + " " + violation.path("id").asText() + ": "
                        + violation.path("help").asText() + " " + targets);
            }
        }
        return serious;
    }

    private void assertAnnouncedAndTiedTo(String field, String message) {
        WebElement alert = page.findElement(By.cssSelector("[role=alert]"));
        assertThat(alert.getText()).isEqualTo(message);
        assertThat(page.findElement(By.id(field)).getAttribute("aria-describedby")).contains(alert.getAttribute("id"));
        assertThat(page.findElement(By.id(field)).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(page.findElement(By.cssSelector("label[for='" + field + "']")).getText()).isNotBlank();
    }

    private WebElement focused() {
        return page.switchTo().activeElement();
    }

    private void assertFocused(String id) {
        assertThat(focused().getAttribute("id")).isEqualTo(id);
        assertFocusVisible();
    }

    private void assertFocusVisible() {
        Object outline = page.executeScript("const s = getComputedStyle(document.activeElement);"
                + " return s.outlineStyle + ' ' + s.outlineWidth;");
        assertThat((String) outline).doesNotStartWith("none").doesNotEndWith(" 0px");
    }

    private void open(String pathOrUrl) {
        page.get(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }

    /** Presses the page's button and waits for the next page. */
    private void submit() {
        WebElement button = page.findElement(By.cssSelector("button[type=submit]"));
        button.click();
        waitUntilGone(button);
    }

    private void follow(WebElement link) {
        link.click();
        waitUntilGone(link);
    }

    private void waitUntilGone(WebElement element) {
        // while the next page loads, the browser may also answer that the old element is gone
        new WebDriverWait(page, Duration.ofSeconds(30)).ignoring(WebDriverException.class)
                .until(ExpectedConditions.stalenessOf(element));
    }

    private void registerConfirmed(String email, String lang) throws Exception {
        api("/users", Map.of("email", email, "password", PASSWORD, "firstname", "Ann", "language", lang), 201);
        String link = linkFromMail(email, "/" + lang + "/user/confirm?code=");
        String code = java.net.URLDecoder.decode(link.substring(link.indexOf("code=") + 5), StandardCharsets.UTF_8);
        api("/users/confirm", Map.of("code", code), 200);
    }

    /** The newest link of this kind in a mail to this address that no step has used yet. */
    private String linkFromMail(String recipient, String path) throws Exception {
        Pattern link = Pattern.compile(Pattern.quote(base + path) + "[A-Za-z0-9_%-]+");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage message : SMTP.getReceivedMessages()) {
                if (!to(message, recipient)) {
                    continue;
                }
                String body = GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "=");
                Matcher m = link.matcher(body);
                if (m.find() && usedLinks.add(m.group())) {
                    return m.group();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no new mail to " + recipient + " with a link to " + path);
    }

    private static boolean to(MimeMessage message, String recipient) throws MessagingException {
        var addresses = message.getRecipients(Message.RecipientType.TO);
        return addresses != null && addresses.length == 1 && addresses[0].toString().contains(recipient);
    }

    private void api(String path, Object body, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(expectedStatus);
    }

    /** The built-in texts of a language, as the service ships them. */
    private static Properties texts(String lang) throws IOException {
        Properties texts = new Properties();
        try (InputStream in = HostedPagesBrowserTest.class.getResourceAsStream(
                "/io/userservice/rest/pages/messages_" + lang + ".properties")) {
            assertThat(in).as("page texts for " + lang).isNotNull();
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return texts;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
