package io.userservice.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.userservice.core.port.out.UndeliverableMailException;
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

    @Test
    void aRecipientTheServerRefusesForGoodMakesTheMailUndeliverable() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread smtp = new Thread(() -> refuseEveryRecipient(server), "refusing-smtp");
            smtp.setDaemon(true);
            smtp.start();
            var notifier = MailNotifiers.smtp(settingsFor("127.0.0.1", server.getLocalPort())
                    .withStartTls(MailSettings.StartTls.NONE));

            assertTimeoutPreemptively(GUARD, () ->
                    assertThatThrownBy(() -> notifier.deliver(Users.confirmation("the-code")))
                            .isInstanceOf(UndeliverableMailException.class)
                            .hasMessageContaining("refused the recipient of the email confirmation mail")
                            .hasMessageNotContaining("the-code"));
        }
    }

    @Test
    void aTemporaryRefusalIsWorthAnotherTry() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread smtp = new Thread(() -> answer(server, "451 4.3.0 try again later"), "busy-smtp");
            smtp.setDaemon(true);
            smtp.start();
            var notifier = MailNotifiers.smtp(settingsFor("127.0.0.1", server.getLocalPort())
                    .withStartTls(MailSettings.StartTls.NONE));

            assertTimeoutPreemptively(GUARD, () ->
                    assertThatThrownBy(() -> notifier.deliver(Users.confirmation("the-code")))
                            .isInstanceOf(MailDeliveryException.class));
        }
    }

    private static void refuseEveryRecipient(ServerSocket server) {
        answer(server, "550 5.1.1 no such mailbox");
    }

    /** A minimal SMTP server that answers every RCPT TO with {@code rcptAnswer}. */
    private static void answer(ServerSocket server, String rcptAnswer) {
        try (java.net.Socket client = server.accept();
             var in = new java.io.BufferedReader(new java.io.InputStreamReader(client.getInputStream(),
                     java.nio.charset.StandardCharsets.US_ASCII));
             var out = new java.io.PrintWriter(new java.io.OutputStreamWriter(client.getOutputStream(),
                     java.nio.charset.StandardCharsets.US_ASCII), true)) {
            out.print("220 test ready\r\n");
            out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.toUpperCase(java.util.Locale.ROOT);
                String reply = command.startsWith("EHLO") || command.startsWith("HELO") ? "250 test"
                        : command.startsWith("RCPT") ? rcptAnswer
                        : command.startsWith("QUIT") ? "221 bye"
                        : command.startsWith("RSET") || command.startsWith("MAIL") || command.startsWith("NOOP")
                                ? "250 ok" : "502 not here";
                out.print(reply + "\r\n");
                out.flush();
                if (command.startsWith("QUIT")) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away; nothing to answer
        }
    }
}
