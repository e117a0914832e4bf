package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.domain.MailKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every hosted page on the one layout: its stylesheet, its headers, its language, its way home. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostedPagesTest {

    private static final String POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";
    /** The sign-in page's passkey button runs one script, from this origin, and may call this origin. */
    private static final String SCRIPT_POLICY = "script-src 'self'; connect-src 'self'; " + POLICY;
    private static final String PASSKEY_SCRIPT = "<script src=\"/assets/passkeys.js\" defer></script>";
    private static final Map<String, String> SAME_ORIGIN = Map.of("Origin", "https://id.example.com");
    private static final Pattern STYLESHEET = Pattern.compile("<link rel=\"stylesheet\" href=\"/assets/(pages-[0-9a-f]{16}\\.css)\">");
    private static final PageTexts TEXTS = PageTexts.builtIn();

    private final RestFixture api = new RestFixture();

    @AfterAll
    void stop() {
        api.close();
    }

    private RestFixture.Reply form(String path, String body, Map<String, String> headers) {
        return api.send("POST", path, "application/x-www-form-urlencoded", body, headers);
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void assertOnTheLayout(RestFixture.Reply page, String lang) {
        assertThat(page.header("Content-Type")).as(page.status() + " " + page.body()).startsWith("text/html");
        boolean passkeys = page.body().contains("id=\"passkey-signin\"");
        assertThat(page.header("Content-Security-Policy")).isEqualTo(passkeys ? SCRIPT_POLICY : POLICY);
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.body().contains(PASSKEY_SCRIPT)).isEqualTo(passkeys);
        assertThat(page.body().replace(PASSKEY_SCRIPT, ""))
                .startsWith("<!DOCTYPE html>")
                .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .contains("<main class=\"card\">")
                .contains("<span>User Service</span>")
                .contains("<footer><a href=\"/" + lang + "/\">")
                .doesNotContain("<script", "<style", " style=", "javascript:");
        assertThat(STYLESHEET.matcher(page.body()).find()).as("links the stylesheet by digest").isTrue();
    }

    private List<RestFixture.Reply> everyPage(String lang) {
        return List.of(
                api.get("/" + lang + "/"),
                api.get("/" + lang + "/?error=credentials"),
                form("/" + lang + "/user/signin", "email=a%40example.com&password=x", Map.of("Origin", "https://evil.example")),
                api.get("/" + lang + "/user/forgot"),
                form("/" + lang + "/user/forgot", "email=nobody%40example.com", SAME_ORIGIN),
                form("/" + lang + "/user/forgot", "email=not-an-email", SAME_ORIGIN),
                api.get("/" + lang + "/user/confirm?code=a-code"),
                form("/" + lang + "/user/confirm", "code=a-code", SAME_ORIGIN),
                api.get("/" + lang + "/user/resetPassword/complete?code=a-code"),
                form("/" + lang + "/user/resetPassword/complete", "code=a-code&password=short", SAME_ORIGIN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de", "fr", "es"})
    void everyPageIsOnTheLayoutInTheLanguageOfItsPath(String lang) {
        for (RestFixture.Reply page : everyPage(lang)) {
            assertOnTheLayout(page, lang);
            assertThat(page.body()).contains("<html lang=\"" + lang + "\">");
        }
        assertThat(api.get("/" + lang + "/").body())
                .contains("<title>" + Pages.escape(TEXTS.of(lang).get("portal.signin.title")) + " – User Service</title>")
                .contains(">" + Pages.escape(TEXTS.of(lang).get("portal.password")) + "</label>");
    }

    @ParameterizedTest
    @CsvSource({"de-CH, de", "fr-CA, fr", "es-419, es", "pt-BR, en", "en-GB, en"})
    void aRegionalLanguageFallsBackAsTheMailsDo(String path, String language) {
        RestFixture.Reply page = api.get("/" + path + "/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<html lang=\"" + language + "\">")
                .contains(Pages.escape(TEXTS.of(language).get("portal.signin.button")))
                .contains("action=\"/" + path + "/user/signin\"");
    }

    @Test
    void everyBuiltInLanguageHasEveryTextAndTheSamePlaceholders() {
        for (String lang : List.of("de", "fr", "es")) {
            assertThat(TEXTS.keysOf(lang)).as(lang).isEqualTo(TEXTS.keysOf("en"));
            for (String key : TEXTS.keysOf("en")) {
                assertThat(placeholders(TEXTS.of(lang).get(key))).as(lang + " " + key)
                        .isEqualTo(placeholders(TEXTS.of("en").get(key)));
                assertThat(TEXTS.of(lang).get(key)).as(lang + " " + key).isNotBlank();
            }
        }
    }

    private static List<String> placeholders(String text) {
        return Pattern.compile("\\{[a-z]+}").matcher(text).results().map(m -> m.group()).sorted().toList();
    }

    @Test
    void theSignInPageLeadsToTheForgottenPasswordPage() {
        assertThat(api.get("/fr/").body()).contains("<a href=\"/fr/user/forgot\">"
                + Pages.escape(TEXTS.of("fr").get("portal.forgot")) + "</a>");
        assertThat(api.get("/fr/user/forgot").body())
                .contains("<html lang=\"fr\">")
                .contains("action=\"/fr/user/forgot\"")
                .contains("autocomplete=\"username\"");
    }

    @Test
    void theStylesheetIsServedUnderItsDigestForAYearAndNothingElseIsServedThere() throws Exception {
        Matcher link = STYLESHEET.matcher(api.get("/en/").body());
        assertThat(link.find()).isTrue();
        RestFixture.Reply css = api.get("/assets/" + link.group(1));

        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type")).startsWith("text/css");
        assertThat(css.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(css.header("X-Content-Type-Options")).isEqualTo("nosniff");
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(css.body().getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        assertThat(link.group(1)).isEqualTo("pages-" + digest + ".css");
        assertThat(css.body()).contains("prefers-color-scheme: dark").contains("system-ui")
                .doesNotContain("url(", "@import", "@font-face");

        for (String other : List.of("pages-0000000000000000.css", "pages.css", "messages_en.properties", "x")) {
            RestFixture.Reply missing = api.get("/assets/" + other);
            assertThat(missing.status()).as(other).isEqualTo(404);
            assertThat(missing.header("Content-Type")).as(other).startsWith("application/json");
        }
    }

    @Test
    void theForgotPageAnswersAKnownAndAnUnknownEmailAlikeAndMailsOnlyTheKnownOne() {
        api.signedIn("forgetful@example.com", "correct horse");
        int before = api.sent().size();

        RestFixture.Reply known = form("/en/user/forgot", "email=" + encoded("forgetful@example.com"), SAME_ORIGIN);
        RestFixture.Reply unknown = form("/en/user/forgot", "email=" + encoded("stranger@example.com"), SAME_ORIGIN);

        assertThat(known.status()).isEqualTo(200);
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(known.body().replace("forgetful@example.com", "X"))
                .isEqualTo(unknown.body().replace("stranger@example.com", "X"));
        assertThat(api.lastCode(MailKind.PASSWORD_RESET, "forgetful@example.com")).isPresent();
        assertThat(api.sent()).hasSize(before + 1);
    }

    @Test
    void theForgotPageKeepsWhatWasTypedAndTiesTheErrorToTheField() {
        RestFixture.Reply page = form("/de/user/forgot", "email=" + encoded("not an <email>"), SAME_ORIGIN);

        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body())
                .contains("value=\"not an &lt;email&gt;\"")
                .contains("aria-invalid=\"true\"")
                .contains("aria-describedby=\"forgot-lead email-error\"")
                .contains("<p id=\"email-error\" class=\"message error\" role=\"alert\">"
                        + Pages.escape(TEXTS.of("de").get("forgot.invalidEmail")) + "</p>");
    }

    @Test
    void aForgotFormPostedFromAnotherSiteSendsNothing() {
        api.signedIn("targeted@example.com", "correct horse");
        int before = api.sent().size();

        for (Map<String, String> headers : List.of(Map.of("Origin", "https://evil.example"),
                Map.of("Origin", "null"), Map.of("Sec-Fetch-Site", "cross-site"),
                Map.of("Origin", "https://id.example.com", "Sec-Fetch-Site", "same-site"))) {
            RestFixture.Reply page = form("/en/user/forgot", "email=" + encoded("targeted@example.com"), headers);
            assertThat(page.status()).as(headers.toString()).isEqualTo(403);
            assertThat(page.header("Content-Type")).startsWith("text/html");
        }
        assertThat(api.sent()).hasSize(before);
    }

    @Test
    void theResetPageStatesTheRulesNextToThePasswordAndKeepsTheFormOnError() {
        api.signedIn("rules@example.com", "correct horse");
        api.post("/users/password/reset", Map.of("email", "rules@example.com"));
        String code = api.lastCode(MailKind.PASSWORD_RESET, "rules@example.com").orElseThrow();

        RestFixture.Reply page = form("/en/user/resetPassword/complete", "code=" + encoded(code) + "&password=short",
                SAME_ORIGIN);

        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body())
                .contains("name=\"code\" value=\"" + Pages.escape(code) + "\"")
                .contains("autocomplete=\"new-password\"")
                .contains("aria-invalid=\"true\"")
                .contains("role=\"alert\"");
        Matcher described = Pattern.compile("<input id=\"password\"[^>]*aria-describedby=\"([^\"]+)\"").matcher(page.body());
        assertThat(described.find()).isTrue();
        for (String id : described.group(1).split(" ")) {
            assertThat(page.body()).as("the described-by target " + id).contains("id=\"" + id + "\"");
        }
    }

    @Test
    void everyInputHasALabelBoundToIt() {
        for (String lang : List.of("en", "es")) {
            for (RestFixture.Reply page : everyPage(lang)) {
                Matcher input = Pattern.compile("<input id=\"([a-z-]+)\" type=\"(?!hidden)").matcher(page.body());
                while (input.find()) {
                    assertThat(page.body()).contains("<label for=\"" + input.group(1) + "\">");
                }
                assertThat(page.body()).doesNotContainPattern("<input (?![^>]*(id=|type=\"hidden\"))");
            }
        }
    }
}
