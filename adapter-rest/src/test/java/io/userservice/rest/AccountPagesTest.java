package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.domain.MailKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountPagesTest {

    private static final Map<String, String> SAME_ORIGIN = Map.of("Origin", "https://id.example.com");

    private final RestFixture api = new RestFixture();

    @AfterAll
    void stop() {
        api.close();
    }

    private RestFixture.Reply form(String path, String body) {
        return api.send("POST", path, "application/x-www-form-urlencoded", body, SAME_ORIGIN);
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void assertPage(RestFixture.Reply reply, int status) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("text/html");
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        assertThat(reply.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(reply.header("Content-Security-Policy")).contains("default-src 'none'")
                .contains("form-action 'self'").contains("frame-ancestors 'none'").doesNotContain("script-src");
    }

    @Test
    void openingTheConfirmationLinkChangesNothingAndTheButtonConfirmsOnce() {
        api.post("/users", Map.of("email", "page@example.com", "password", "long enough"));
        String code = api.lastCode(MailKind.EMAIL_CONFIRMATION, "page@example.com").orElseThrow();

        RestFixture.Reply opened = api.get("/en/user/confirm?code=" + encoded(code));
        RestFixture.Reply openedAgain = api.get("/en/user/confirm?code=" + encoded(code));
        RestFixture.Reply confirmed = form("/en/user/confirm", "code=" + encoded(code));
        RestFixture.Reply again = form("/en/user/confirm", "code=" + encoded(code));

        assertPage(opened, 200);
        assertThat(opened.body()).contains("Confirm my email").contains("value=\"" + code + "\"");
        assertThat(openedAgain.status()).isEqualTo(200);
        assertPage(confirmed, 200);
        assertThat(confirmed.body()).contains("Email confirmed");
        assertPage(again, 400);
        assertThat(again.body()).contains("already been used");
        assertThat(api.post("/auth/login", Map.of("email", "page@example.com", "password", "long enough")).status())
                .isEqualTo(200);
    }

    @Test
    void theResetPageStatesTheRulesKeepsTheCodeOnARejectedPasswordAndSetsTheNewOne() {
        api.signedIn("reset-page@example.com", "old password");
        api.post("/users/password/reset", Map.of("email", "reset-page@example.com"));
        String code = api.lastCode(MailKind.PASSWORD_RESET, "reset-page@example.com").orElseThrow();

        RestFixture.Reply opened = api.get("/en/user/resetPassword/complete?code=" + encoded(code));
        RestFixture.Reply tooShort = form("/en/user/resetPassword/complete", "code=" + encoded(code) + "&password=short");
        RestFixture.Reply done = form("/en/user/resetPassword/complete",
                "code=" + encoded(code) + "&password=" + encoded("a new password"));
        RestFixture.Reply reused = form("/en/user/resetPassword/complete",
                "code=" + encoded(code) + "&password=" + encoded("another password"));

        assertPage(opened, 200);
        assertThat(opened.body()).contains("at least 8").contains("name=\"password\"");
        assertPage(tooShort, 422);
        assertThat(tooShort.body()).contains("at least 8 characters long").contains("value=\"" + code + "\"");
        assertPage(done, 200);
        assertThat(done.body()).contains("Password changed");
        assertPage(reused, 400);
        assertThat(api.post("/auth/login", Map.of("email", "reset-page@example.com", "password", "a new password"))
                .status()).isEqualTo(200);
    }

    @Test
    void badLinksAndForeignFormsGetAClearPage() {
        assertPage(api.get("/en/user/confirm"), 400);
        assertPage(api.get("/en/user/resetPassword/complete?code="), 400);
        assertPage(form("/en/user/confirm", "code=made-up"), 400);
        RestFixture.Reply foreign = api.send("POST", "/en/user/confirm", "application/x-www-form-urlencoded",
                "code=x", Map.of("Origin", "https://evil.example.com"));
        assertThat(foreign.status()).isEqualTo(403);
        RestFixture.Reply escaped = api.get("/en/user/confirm?code=" + encoded("\"><script>alert(1)</script>"));
        assertThat(escaped.body()).doesNotContain("<script>");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            en    | en | Confirm your email             | Choose a new password              | Use at least 8 and at most 1024 characters
            de    | de | E-Mail-Adresse bestätigen      | Neues Passwort wählen              | mindestens 8 und höchstens 1024 Zeichen
            de-CH | de | E-Mail-Adresse bestätigen      | Neues Passwort wählen              | mindestens 8 und höchstens 1024 Zeichen
            fr    | fr | Confirmez votre adresse e-mail | Choisissez un nouveau mot de passe | au moins 8 et au plus 1024 caractères
            es    | es | Confirma tu dirección de correo | Elige una contraseña nueva        | al menos 8 y como máximo 1024 caracteres
            xx    | en | Confirm your email             | Choose a new password              | Use at least 8 and at most 1024 characters
            """)
    void pagesSpeakTheLanguageOfTheLinkAndFallBackToEnglish(String lang, String pageLang, String confirmTitle,
                                                             String resetTitle, String rules) {
        RestFixture.Reply confirm = api.get("/" + lang + "/user/confirm?code=abc");
        RestFixture.Reply reset = api.get("/" + lang + "/user/resetPassword/complete?code=abc");

        assertPage(confirm, 200);
        assertThat(confirm.body()).contains("<html lang=\"" + pageLang + "\">", "<h1>" + confirmTitle + "</h1>",
                "action=\"/" + lang + "/user/confirm\"");
        assertPage(reset, 200);
        assertThat(reset.body()).contains("<h1>" + resetTitle + "</h1>", rules);
    }

    @Test
    void aRejectedPasswordAndAUsedLinkAreExplainedInTheLanguageOfThePage() {
        api.signedIn("de-page@example.com", "old password");
        api.post("/users/password/reset", Map.of("email", "de-page@example.com"));
        String code = api.lastCode(MailKind.PASSWORD_RESET, "de-page@example.com").orElseThrow();

        RestFixture.Reply tooShort = form("/de/user/resetPassword/complete", "code=" + encoded(code) + "&password=kurz");
        RestFixture.Reply done = form("/de/user/resetPassword/complete",
                "code=" + encoded(code) + "&password=" + encoded("ein neues Passwort"));
        RestFixture.Reply used = form("/de/user/resetPassword/complete",
                "code=" + encoded(code) + "&password=" + encoded("noch ein Passwort"));

        assertPage(tooShort, 422);
        assertThat(tooShort.body()).contains("Das Passwort muss mindestens 8 Zeichen lang sein.");
        assertThat(done.body()).contains("Passwort geändert");
        assertPage(used, 400);
        assertThat(used.body()).contains("bereits verwendet");
    }

    @Test
    void aBrowsersOwnFormWithoutReferrerIsAcceptedAndAForeignOneIsNot() {
        api.post("/users", Map.of("email", "null-origin@example.com", "password", "long enough"));
        String code = api.lastCode(MailKind.EMAIL_CONFIRMATION, "null-origin@example.com").orElseThrow();

        RestFixture.Reply sandboxed = api.send("POST", "/en/user/confirm", "application/x-www-form-urlencoded",
                "code=" + encoded(code), Map.of("Origin", "null", "Sec-Fetch-Site", "cross-site"));
        RestFixture.Reply ownForm = api.send("POST", "/en/user/confirm", "application/x-www-form-urlencoded",
                "code=" + encoded(code), Map.of("Origin", "null", "Sec-Fetch-Site", "same-origin"));

        assertPage(sandboxed, 403);
        assertPage(ownForm, 200);
        assertThat(ownForm.body()).contains("Email confirmed");
    }
}
