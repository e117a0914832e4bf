package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The operator's brand reaches every page and its stylesheet, and the pages' policy stays strict. */
class BrandedPagesTest {

    private static final Pattern STYLESHEET = Pattern.compile("href=\"/assets/(pages-[0-9a-f]{16}\\.css)\"");
    private static final String THEME = ".card { border-radius: 0; border-top: 4px solid #0a7d3b; }";

    private static String stylesheetName(String page) {
        Matcher m = STYLESHEET.matcher(page);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void aColourALogoAndACssFileReachThePagesWhileThePolicyStaysStrict() {
        String plainName;
        try (RestFixture plain = new RestFixture()) {
            plainName = stylesheetName(plain.get("/en/").body());
        }
        Branding brand = new Branding("Acme Shop", "https://cdn.acme.example/brand/logo.svg", "#0A7D3B", THEME);
        try (RestFixture api = RestFixture.withFeature(feature -> feature.withBranding(brand))) {
            for (String path : List.of("/en/", "/de/user/forgot", "/fr/user/confirm?code=x",
                    "/es/user/resetPassword/complete?code=x")) {
                RestFixture.Reply page = api.get(path);
                String script = "<script src=\"/assets/passkeys.js\" defer></script>";
                boolean passkeys = page.body().contains(script);
                assertThat(page.body().replace(script, "")).as(path)
                        .contains("<img src=\"https://cdn.acme.example/brand/logo.svg\" alt=\"\"")
                        .contains("<span>Acme Shop</span>")
                        .contains(" – Acme Shop</title>")
                        .doesNotContain("<style", " style=", "<script");
                String policy = page.header("Content-Security-Policy");
                assertThat(policy).as(path).isEqualTo((passkeys ? "script-src 'self'; connect-src 'self'; " : "")
                        + "default-src 'none'; style-src 'self';"
                        + " img-src 'self' https://cdn.acme.example; form-action 'self'; frame-ancestors 'none';"
                        + " base-uri 'none'");
            }

            String name = stylesheetName(api.get("/en/").body());
            assertThat(name).as("a new theme is a new name, so no browser keeps the old one").isNotEqualTo(plainName);
            String css = api.get("/assets/" + name).body();
            assertThat(css).contains("--primary: #0a7d3b; --on-primary: #ffffff;");
            assertThat(css.strip()).endsWith(THEME);
            assertThat(api.get("/assets/" + plainName).status()).isEqualTo(404);
        }
    }

    @Test
    void aLogoOnThisOriginAddsNoOriginToThePolicy() {
        Branding brand = new Branding("Acme", "/static/logo.png", null, null);
        try (RestFixture api = RestFixture.withFeature(feature -> feature.withBranding(brand))) {
            RestFixture.Reply page = api.get("/en/");

            assertThat(page.body()).contains("<img src=\"/static/logo.png\"");
            assertThat(page.header("Content-Security-Policy")).contains("img-src 'self';");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://cdn.acme.example/logo.png", "javascript:alert(1)", "data:image/png;base64,AAAA",
            "//cdn.acme.example/logo.png", "https://", "https://cdn.acme.example/a\"b.png", "logo.png",
            "https://user@cdn.acme.example/logo.png", "/a b.png", "/logo.png\"onerror=\"x"})
    void aLogoThatIsNotAPathHereOrAnHttpsUrlIsRefused(String url) {
        assertThatThrownBy(() -> new Branding("Acme", url, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("logo");
    }

    @ParameterizedTest
    @ValueSource(strings = {"red", "#12345", "#1234567", "0a7d3b", "#0a7d3g", "#0a7d3b;}body{display:none", ""})
    void aColourThatIsNotHexIsRefused(String colour) {
        assertThatThrownBy(() -> new Branding("Acme", null, colour, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("primary");
    }

    @Test
    void aShortHexColourIsWrittenOut() {
        assertThat(new Branding("Acme", null, "#FC0", null).primaryColor()).isEqualTo("#ffcc00");
    }

    @Test
    void textOnThePrimaryColourIsReadableForAnyColour() {
        Random random = new Random(17);
        for (int i = 0; i < 5_000; i++) {
            String colour = String.format("#%06x", random.nextInt(0x1000000));
            String on = Pages.readableOn(colour);
            assertThat(contrast(colour, on)).as(colour + " with " + on).isGreaterThanOrEqualTo(4.5);
        }
        assertThat(Pages.readableOn("#ffcc00")).isEqualTo("#000000");
        assertThat(Pages.readableOn("#0b5cad")).isEqualTo("#ffffff");
    }

    @Test
    void theBuiltInColoursContrastAtLeastFourAndAHalfInBothSchemes() {
        String css = new Pages(Branding.defaults(), PageTexts.builtIn()).stylesheet();
        String light = css.substring(css.indexOf(":root {"), css.indexOf("@media (prefers-color-scheme: dark)"));
        String dark = css.substring(css.indexOf("@media (prefers-color-scheme: dark)"));
        for (String scheme : List.of(light, dark)) {
            String[][] pairs = {{"text", "card"}, {"muted", "card"}, {"text", "background"}, {"on-primary", "primary"},
                    {"error-text", "error-background"}, {"info-text", "info-background"}, {"primary", "card"}};
            for (String[] pair : pairs) {
                double ratio = contrast(variable(scheme, pair[0]), variable(scheme, pair[1]));
                assertThat(ratio).as(pair[0] + " on " + pair[1]).isGreaterThanOrEqualTo(4.5);
            }
            assertThat(contrast(variable(scheme, "focus"), variable(scheme, "card"))).as("focus ring")
                    .isGreaterThanOrEqualTo(3);
            assertThat(contrast(variable(scheme, "border"), variable(scheme, "card"))).as("field borders")
                    .isGreaterThanOrEqualTo(3);
        }
    }

    private static String variable(String css, String name) {
        Matcher m = Pattern.compile("--" + Pattern.quote(name) + ":\\s*(#[0-9a-f]{6});").matcher(css);
        assertThat(m.find()).as("--" + name).isTrue();
        return m.group(1);
    }

    private static double contrast(String a, String b) {
        double la = Pages.luminance(a);
        double lb = Pages.luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }
}
