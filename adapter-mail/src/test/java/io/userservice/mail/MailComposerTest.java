package io.userservice.mail;

import static io.userservice.mail.Users.aUser;
import static io.userservice.mail.Users.aUserNamed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MailComposerTest {

    private final MailComposer composer = new MailComposer(
            MailSettings.of("https://id.example.com", "Acme <no-reply@acme.example>"), MailTexts.ENGLISH);

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void greetsWithoutANameWhenThereIsNone(String firstname) {
        MailMessage mail = composer.compose(MailKind.EMAIL_CONFIRMATION, aUserNamed(firstname), "code");

        assertThat(mail.text()).startsWith("Hello,\n");
        assertThat(mail.html()).contains("<p>Hello,</p>");
    }

    @Test
    void lineBreaksInANameCannotStartNewLines() {
        MailMessage mail = composer.compose(MailKind.EMAIL_CONFIRMATION, aUserNamed("Tom\r\nSubject: hi"), "code");

        assertThat(mail.text()).startsWith("Hello Tom  Subject: hi,\n");
        assertThat(mail.subject()).doesNotContain("Tom");
    }

    @Test
    void aNameThatLooksLikeAPlaceholderStaysAsItIs() {
        MailMessage mail = composer.compose(MailKind.PASSWORD_RESET, aUserNamed("{product}"), "code");

        assertThat(mail.text()).startsWith("Hello {product},");
    }

    @Test
    void theLinkIsInEnglishWhenTheUserHasNoLanguage() {
        MailMessage mail = composer.compose(MailKind.PASSWORD_RESET, Users.aUser("Tom", null), "code");

        assertThat(mail.text()).contains("https://id.example.com/en/user/resetPassword/complete?code=code");
    }

    @Test
    void theMessageIdIsUniqueAndInTheSendersDomain() {
        MailMessage first = composer.compose(MailKind.EMAIL_CONFIRMATION, aUser(), "code");
        MailMessage second = composer.compose(MailKind.EMAIL_CONFIRMATION, aUser(), "code");

        assertThat(first.messageId()).matches("<[0-9a-f-]{36}@acme\\.example>");
        assertThat(second.messageId()).isNotEqualTo(first.messageId());
    }

    @Test
    void theMailGoesToTheCanonicalAddress() {
        assertThat(composer.compose(MailKind.EMAIL_CONFIRMATION, aUser(), "code").to()).isEqualTo(Users.EMAIL);
    }
}
