package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /docs}: the reference page, its assets from this origin, and its own policy. */
class DocsTest {

    private final RestFixture api = new RestFixture();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void thePageLoadsOnlyItsOwnAssetsAndRunsNoInlineScript() {
        RestFixture.Reply page = api.get("/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        String policy = page.header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'none'", "script-src 'self';", "connect-src 'self'",
                "frame-ancestors 'none'");
        assertThat(policy.split(";")[1]).doesNotContain("unsafe");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");

        Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(page.body());
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1)).as("every script has a source").contains("src=\"/docs/");
            assertThat(scripts.group(2)).as("no inline script").isBlank();
        }
        assertThat(count).isEqualTo(2);
        assertThat(page.body()).doesNotContain("http://", "https://", "//cdn", "style=");

        List<String> assets = new ArrayList<>();
        Matcher links = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"").matcher(page.body());
        while (links.find()) {
            assets.add(links.group(1));
        }
        assertThat(assets).containsExactlyInAnyOrder("/docs/swagger-ui.css", "/docs/swagger-ui-bundle.js",
                "/docs/docs-init.js");
        for (String asset : assets) {
            RestFixture.Reply reply = api.get(asset);
            assertThat(reply.status()).as(asset).isEqualTo(200);
            assertThat(reply.body()).as(asset).hasSizeGreaterThan(100);
            assertThat(reply.header("Content-Type")).as(asset)
                    .startsWith(asset.endsWith(".css") ? "text/css" : "text/javascript");
        }
        assertThat(api.get("/docs/docs-init.js").body()).contains("\"/openapi.json\"");
        assertThat(api.get("/docs/swagger-ui-bundle.js").body()).contains("SwaggerUIBundle");
    }

    @Test
    void nothingElseOfTheClassPathIsServed() {
        for (String path : List.of("/docs/index.html", "/docs/swagger-initializer.js", "/docs/pom.properties",
                "/docs/..%2F..%2Fpom.xml", "/docs/%2e%2e/%2e%2e/META-INF/MANIFEST.MF")) {
            RestFixture.Reply reply = api.get(path);
            assertThat(reply.status()).as(path).isBetween(400, 404);
        }
    }
}
