package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.domain.MailKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The page behind the link mailed to a new address. */
class EmailChangePageTest {

    private static final Map<String, String> SAME_ORIGIN = Map.of("Origin", "https://id.example.com");

    private final RestFixture api = new RestFixture();

    @AfterEach
    void stop() {
        api.close();
    }

    private RestFixture.Reply form(String path, String body, Map<String, String> headers) {
        return api.send("POST", path, "application/x-www-form-urlencoded", body, headers);
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String requestedChange(String from, String to) {
        String token = api.signedIn(from, "correct horse").json().path("accessToken").asText();
        assertThat(api.post("/user/email", Map.of("newEmail", to, "password", "correct horse"), token).status())
                .isEqualTo(202);
        return api.lastCode(MailKind.EMAIL_CHANGE, to).orElseThrow();
    }

    private String emailOf(String email) {
        return api.post("/auth/login", Map.of("email", email, "password", "correct horse")).json().path("user")
                .path("email").asText(null);
    }

    @Test
    void openingTheLinkChangesNothingAndTheButtonMovesTheAccountOnce() {
        String code = requestedChange("ann@example.com", "ann.new@example.com");

        RestFixture.Reply opened = api.get("/de/user/email/confirm?code=" + encoded(code));
        String before = emailOf("ann@example.com");
        RestFixture.Reply confirmed = form("/de/user/email/confirm", "code=" + encoded(code), SAME_ORIGIN);
        RestFixture.Reply again = form("/de/user/email/confirm", "code=" + encoded(code), SAME_ORIGIN);

        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.header("Content-Security-Policy")).contains("form-action 'self'");
        assertThat(opened.body()).contains("<html lang=\"de\"").contains("Neue E-Mail-Adresse bestätigen")
                .contains("action=\"/de/user/email/confirm\"");
        assertThat(before).isEqualTo("ann@example.com");
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body()).contains("E-Mail-Adresse geändert");
        assertThat(again.status()).isEqualTo(400);
        assertThat(emailOf("ann.new@example.com")).isEqualTo("ann.new@example.com");
    }

    @Test
    void aFormFromAnotherSiteAMadeUpCodeAndATakenAddressGetAPageSayingSo() {
        String code = requestedChange("bob@example.com", "bob.new@example.com");

        RestFixture.Reply foreign = form("/en/user/email/confirm", "code=" + encoded(code),
                Map.of("Origin", "https://evil.example.com"));
        RestFixture.Reply madeUp = form("/en/user/email/confirm", "code=made-up", SAME_ORIGIN);
        RestFixture.Reply noCode = api.get("/en/user/email/confirm");
        RestFixture.Reply escaped = api.get("/en/user/email/confirm?code=" + encoded("\"><script>x</script>"));
        api.signedIn("bob.new@example.com", "someone else's horse");
        RestFixture.Reply taken = form("/en/user/email/confirm", "code=" + encoded(code), SAME_ORIGIN);

        assertThat(foreign.status()).isEqualTo(403);
        assertThat(madeUp.status()).isEqualTo(400);
        assertThat(noCode.status()).isEqualTo(400);
        assertThat(escaped.body()).doesNotContain("<script>");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body()).contains("another account");
        assertThat(emailOf("bob@example.com")).isEqualTo("bob@example.com");
    }
}
