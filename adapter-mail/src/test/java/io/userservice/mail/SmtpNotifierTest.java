package io.userservice.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.userservice.core.domain.MailKind;
import io.userservice.core.port.out.UserNotifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpNotifierTest {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private MailSettings settings() {
        return MailSettings.of("https://id.example.com/auth/", "no-reply@example.com")
                .withSmtpServer(greenMail.getSmtp().getBindTo(), greenMail.getSmtp().getPort());
    }

    private UserNotifier notifier() {
        return MailNotifiers.smtp(settings());
    }

    private List<ReceivedMail> received() {
        return Arrays.stream(greenMail.getReceivedMessages()).map(ReceivedMail::new).toList();
    }

    private ReceivedMail onlyMail() {
        List<ReceivedMail> mails = received();
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    @Test
    void confirmationMailLinksToTheConfirmPageBelowThePublicUrl() {
        notifier().deliver(Users.confirmation("c0de-123"));

        ReceivedMail mail = onlyMail();
        String link = "https://id.example.com/auth/en/user/confirm?code=c0de-123";
        assertThat(mail.to()).isEqualTo(Users.EMAIL);
        assertThat(mail.from()).isEqualTo("no-reply@example.com");
        assertThat(mail.fromName()).isEqualTo("User Service");
        assertThat(mail.subject()).isEqualTo("Confirm your email address for User Service");
        assertThat(mail.contentType()).startsWith("multipart/alternative");
        assertThat(mail.text())
                .startsWith("Hello Tom,")
                .contains(link, "\n    c0de-123\n", "If you did not create a User Service account, you can ignore");
        assertThat(mail.html())
                .contains("Hello Tom,", "href=\"" + link + "\"", "<code", ">c0de-123</code>")
                .contains("If you did not create a User Service account, you can ignore");
    }

    @Test
    void resetMailLinksToTheResetPageAndSaysThePasswordStaysUnchanged() {
        notifier().deliver(Users.reset("r3set-456"));

        ReceivedMail mail = onlyMail();
        String link = "https://id.example.com/auth/en/user/resetPassword/complete?code=r3set-456";
        assertThat(mail.to()).isEqualTo(Users.EMAIL);
        assertThat(mail.subject()).isEqualTo("Reset your User Service password");
        assertThat(mail.text())
                .startsWith("Hello Tom,")
                .contains(link, "r3set-456", "If you did not ask for this", "your password stays unchanged");
        assertThat(mail.html())
                .contains("href=\"" + link + "\"", ">r3set-456</code>", "your password stays unchanged");
    }

    @Test
    void mailsSpeakOfTheConfiguredProduct() {
        MailNotifiers.smtp(settings().withProductName("Acme ID")).deliver(Users.reset("code"));

        ReceivedMail mail = onlyMail();
        assertThat(mail.subject()).isEqualTo("Reset your Acme ID password");
        assertThat(mail.fromName()).isEqualTo("Acme ID");
        assertThat(mail.text()).contains("your Acme ID account").endsWith("-- \nAcme ID\n");
    }

    @Test
    void htmlPartEscapesTheName() {
        notifier().deliver(Users.aMail(MailKind.EMAIL_CONFIRMATION, "<b>Tom & \"Jerry\"</b>", "en", "code"));

        ReceivedMail mail = onlyMail();
        assertThat(mail.html())
                .contains("Hello &lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;,")
                .doesNotContain("<b>");
        assertThat(mail.text()).startsWith("Hello <b>Tom & \"Jerry\"</b>,");
    }

    @Test
    void languageAndCodeAreEncodedInTheLink() {
        notifier().deliver(Users.aMail(MailKind.EMAIL_CONFIRMATION, "Tom", "pt-BR", "a b/c+d&e"));

        ReceivedMail mail = onlyMail();
        String link = "https://id.example.com/auth/pt-BR/user/confirm?code=a%20b%2Fc%2Bd%26e";
        assertThat(mail.text()).contains(link, "    a b/c+d&e\n");
        assertThat(mail.html()).contains("href=\"" + link + "\"", ">a b/c+d&amp;e</code>");
    }

    @Test
    void aRetriedMailCarriesTheSameMessageId() {
        notifier().deliver(Users.confirmation("code"));
        notifier().deliver(Users.confirmation("code"));

        List<ReceivedMail> mails = received();
        assertThat(mails).hasSize(2);
        assertThat(mails.get(0).messageId()).isEqualTo("<outbox-42.k3y@id.example.com>");
        assertThat(mails.get(1).messageId()).isEqualTo(mails.get(0).messageId());
    }
}
