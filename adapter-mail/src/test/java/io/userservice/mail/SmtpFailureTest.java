package io.userservice.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpFailureTest {

    // Far above the configured timeouts, so that only a hang fails the tests.
    private static final Duration GUARD = Duration.ofSeconds(15);

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static MailSettings settingsFor(String host, int port) {
        return MailSettings.of("http://localhost:8080", "no-reply@example.com")
                .withSmtpServer(host, port)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    @Test
    void aServerThatIsNotThereFailsAtOnceWithAClearMessage() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var notifier = MailNotifiers.smtp(settingsFor("127.0.0.1", closedPort).withCredentials("mailer", "s3cret-Passw0rd"));

        assertTimeoutPreemptively(GUARD, () ->
                assertThatThrownBy(() -> notifier.deliver(Users.confirmation("the-confirmation-code")))
                        .isInstanceOf(MailDeliveryException.class)
                        .hasMessageStartingWith("Could not send the email confirmation mail through the SMTP server"
                                + " 127.0.0.1:" + closedPort + ": ")
                        .hasMessageNotContaining("s3cret-Passw0rd")
                        .hasMessageNotContaining("the-confirmation-code"));
    }

    @Test
    void aServerThatNeverAnswersFailsAfterTheReadTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var notifier = MailNotifiers.smtp(settingsFor("127.0.0.1", silent.getLocalPort()));

            assertTimeoutPreemptively(GUARD, () ->
                    assertThatThrownBy(() -> notifier.deliver(Users.reset("code")))
                            .isInstanceOf(MailDeliveryException.class)
                            .hasRootCauseInstanceOf(SocketTimeoutException.class));
        }
    }

    @Test
    void requiredStartTlsSendsNothingToAServerWithoutIt() {
        var notifier = MailNotifiers.smtp(settingsFor(greenMail.getSmtp().getBindTo(), greenMail.getSmtp().getPort())
                .withStartTls(MailSettings.StartTls.REQUIRED));

        assertThatThrownBy(() -> notifier.deliver(Users.confirmation("code")))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessageContaining("STARTTLS");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }
}
