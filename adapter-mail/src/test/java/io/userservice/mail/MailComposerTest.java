package io.userservice.mail;

import static io.userservice.mail.Users.aMail;
import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.domain.MailKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MailComposerTest {

    private final MailComposer composer = new MailComposer(
            MailSettings.of("https://id.example.com", "Acme <no-reply@acme.example>"), MailTemplates.builtIn());

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void greetsByAddressWhenThereIsNoName(String firstname) {
        MailMessage mail = composer.compose(aMail(MailKind.EMAIL_CONFIRMATION, firstname, "en", "code"));

        assertThat(mail.text()).startsWith("Hello " + Users.EMAIL + ",\n");
        assertThat(mail.html()).contains("<p>Hello " + Users.EMAIL + ",</p>");
    }

    @Test
    void lineBreaksInANameCannotStartNewLines() {
        MailMessage mail = composer.compose(aMail(MailKind.EMAIL_CONFIRMATION, "Tom\r\nSubject: hi", "en", "code"));

        assertThat(mail.text()).startsWith("Hello Tom  Subject: hi,\n");
        assertThat(mail.subject()).doesNotContain("Tom");
    }

    @Test
    void aNameThatLooksLikeAPlaceholderStaysAsItIs() {
        MailMessage mail = composer.compose(aMail(MailKind.PASSWORD_RESET, "{product}", "en", "code"));

        assertThat(mail.text()).startsWith("Hello {product},");
    }

    @Test
    void everyValueIsEscapedInTheHtmlPart() {
        MailMessage mail = composer.compose(aMail(MailKind.PASSWORD_RESET, "<b>Tom</b> & \"Jerry\"", "en", "c<de"));

        assertThat(mail.html()).contains("Hello &lt;b&gt;Tom&lt;/b&gt; &amp; &quot;Jerry&quot;,")
                .contains(">c&lt;de</code>").doesNotContain("<b>Tom");
        assertThat(mail.text()).startsWith("Hello <b>Tom</b> & \"Jerry\",");
    }

    @Test
    void theLinkIsInEnglishWhenTheUserHasNoLanguage() {
        MailMessage mail = composer.compose(aMail(MailKind.PASSWORD_RESET, "Tom", null, "code"));

        assertThat(mail.text()).contains("https://id.example.com/en/user/resetPassword/complete?code=code");
    }

    @Test
    void theMessageIdNamesTheOutboxMailAndIsTheSameOnEveryAttempt() {
        MailMessage first = composer.compose(Users.confirmation("code"));
        MailMessage retry = composer.compose(Users.confirmation("code"));

        assertThat(first.messageId()).isEqualTo("<outbox-42.k3y@id.example.com>");
        assertThat(retry.messageId()).isEqualTo(first.messageId());
    }

    @Test
    void theMailGoesToTheCanonicalAddress() {
        assertThat(composer.compose(Users.confirmation("code")).to()).isEqualTo(Users.EMAIL);
    }

    @Test
    void theEmailChangeCodeLeadsToItsPageAndTheNoticesCarryNoCodeInTheReadersLanguage() {
        MailMessage change = composer.compose(aMail(MailKind.EMAIL_CHANGE, "Tom", "fr", "the-code"));
        MailMessage password = composer.compose(aMail(MailKind.PASSWORD_CHANGED_NOTICE, "Tom", "de", null));
        MailMessage email = composer.compose(aMail(MailKind.EMAIL_CHANGED_NOTICE, "Tom", "es", null));

        assertThat(change.text()).contains("https://id.example.com/fr/user/email/confirm?code=the-code")
                .contains("Bonjour Tom");
        assertThat(password.subject()).isEqualTo("Ihr User Service-Passwort wurde geändert");
        assertThat(password.text()).contains("https://id.example.com/de/user/forgot").doesNotContain("code=");
        assertThat(email.text()).startsWith("Hola, Tom:").contains(Users.EMAIL).doesNotContain("code=");
        assertThat(email.html()).doesNotContain("{");
    }
}
