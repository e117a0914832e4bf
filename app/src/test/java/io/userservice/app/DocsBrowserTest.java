package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code /docs} in headless Chromium under its own Content-Security-Policy: Swagger UI starts from
 * the served files (no inline script) and renders the operations of {@code /openapi.json}.
 */
class DocsBrowserTest {

    private UserServiceServer server;
    private Browser browser;

    @BeforeEach
    void start() throws Exception {
        browser = Browser.start();
        Map<String, String> env = new HashMap<>();
        env.put("USERSVC_PORT", "0");
        env.put("USERSVC_HOST", "127.0.0.1");
        env.put("USERSVC_DB_URL", "jdbc:h2:mem:docs-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        env.put("USERSVC_BCRYPT_COST", "4");
        server = UserServiceServer.start(AppConfig.from(env));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void swaggerUiRendersTheDocumentUnderThePagesPolicy() {
        browser.driver.get("http://127.0.0.1:" + server.port() + "/docs");
        new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                .until(driver -> driver.findElements(By.cssSelector(".opblock")).size() > 20);
        assertThat(browser.driver.findElement(By.cssSelector(".info .title")).getText()).contains("User Service");
        assertThat(browser.driver.findElements(By.cssSelector(".opblock-summary-path")))
                .anySatisfy(path -> assertThat(path.getText()).contains("/admin/webhooks"));
        Object scriptsFromElsewhere = ((JavascriptExecutor) browser.driver).executeScript(
                "return performance.getEntriesByType('resource')"
                        + ".filter(e => !e.name.startsWith(location.origin)).length;");
        assertThat(((Number) scriptsFromElsewhere).intValue()).as("nothing loaded from another origin").isZero();
    }
}
