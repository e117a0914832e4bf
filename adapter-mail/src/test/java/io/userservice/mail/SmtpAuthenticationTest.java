package io.userservice.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpAuthenticationTest {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig()
                    .withUser("mailer@example.com", "mailer", "s3cret-Passw0rd"));

    private MailSettings settingsWithPassword(String password) {
        return MailSettings.of("http://localhost:8080", "no-reply@example.com")
                .withSmtpServer(greenMail.getSmtp().getBindTo(), greenMail.getSmtp().getPort())
                .withCredentials("mailer", password);
    }

    @Test
    void sendsWithTheConfiguredLogin() {
        MailNotifiers.smtp(settingsWithPassword("s3cret-Passw0rd")).deliver(Users.confirmation("code"));

        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aRefusedLoginFailsWithoutRevealingPasswordOrCode() {
        var notifier = MailNotifiers.smtp(settingsWithPassword("wr0ng-Passw0rd"));

        assertThatThrownBy(() -> notifier.deliver(Users.reset("the-reset-code")))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessageStartingWith("Could not send the password reset mail through the SMTP server")
                .hasMessageNotContaining("wr0ng-Passw0rd")
                .hasMessageNotContaining("the-reset-code");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }
}
