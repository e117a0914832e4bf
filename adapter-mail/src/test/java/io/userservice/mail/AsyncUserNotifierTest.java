package io.userservice.mail;

import static io.userservice.mail.Users.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.userservice.core.domain.User;
import io.userservice.core.port.out.UserNotifier;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AsyncUserNotifierTest {

    // Only a caller that waits for the mail would run into this.
    private static final Duration GUARD = Duration.ofSeconds(10);

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private UserNotifier smtp() {
        return MailNotifiers.smtp(MailSettings.of("http://localhost:8080", "no-reply@example.com")
                .withSmtpServer(greenMail.getSmtp().getBindTo(), greenMail.getSmtp().getPort()));
    }

    private String[] receivedCodes() {
        return Arrays.stream(greenMail.getReceivedMessages())
                .map(m -> new ReceivedMail(m).text().lines().filter(l -> l.startsWith("    ")).findFirst()
                        .orElseThrow().strip())
                .sorted()
                .toArray(String[]::new);
    }

    @Test
    void callersDoNotWaitForTheMailServer() {
        GatedNotifier gated = new GatedNotifier(smtp());
        try (AsyncUserNotifier notifier = MailNotifiers.async(gated, 10)) {
            assertTimeoutPreemptively(GUARD, () -> notifier.sendEmailConfirmation(aUser(), "c1"));
            assertThat(greenMail.getReceivedMessages()).isEmpty();

            gated.open();

            assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
            assertThat(receivedCodes()).containsExactly("c1");
        }
    }

    @Test
    void aFullQueueDropsTheMailAndLogsIt() throws InterruptedException {
        GatedNotifier gated = new GatedNotifier(smtp());
        try (CapturedLog log = CapturedLog.of(AsyncUserNotifier.class)) {
            try (AsyncUserNotifier notifier = MailNotifiers.async(gated, 1)) {
                notifier.sendEmailConfirmation(aUser(), "in-progress");
                gated.awaitFirstMail();
                notifier.sendEmailConfirmation(aUser(), "waiting");

                assertTimeoutPreemptively(GUARD, () -> notifier.sendPasswordReset(aUser(), "one-too-many"));

                gated.open();
            }
            assertThat(receivedCodes()).containsExactly("in-progress", "waiting");
            assertThat(log.messages(Level.WARN)).singleElement().asString()
                    .contains("Dropped the password reset mail for user 42", "queue is full")
                    .doesNotContain("one-too-many");
        }
    }

    @Test
    void closeDeliversTheMailsThatWait() {
        GatedNotifier gated = new GatedNotifier(smtp());
        AsyncUserNotifier notifier = MailNotifiers.async(gated, 10);
        notifier.sendEmailConfirmation(aUser(), "m1");
        notifier.sendPasswordReset(aUser(), "m2");
        notifier.sendEmailConfirmation(aUser(), "m3");
        gated.open();

        notifier.close();

        assertThat(receivedCodes()).containsExactly("m1", "m2", "m3");
    }

    @Test
    void closeGivesUpOnMailsThatCannotBeDelivered() throws InterruptedException {
        GatedNotifier gated = new GatedNotifier(smtp());
        try (CapturedLog log = CapturedLog.of(AsyncUserNotifier.class)) {
            AsyncUserNotifier notifier = new AsyncUserNotifier(gated, 10, Duration.ofMillis(200));
            notifier.sendEmailConfirmation(aUser(), "stuck");
            gated.awaitFirstMail();
            notifier.sendEmailConfirmation(aUser(), "behind-it");

            assertTimeoutPreemptively(GUARD, notifier::close);

            assertThat(log.messages(Level.WARN)).anySatisfy(m -> assertThat(m).contains("mails dropped: 1"));
        }
    }

    @Test
    void mailsAfterCloseAreDroppedWithoutAnError() {
        try (CapturedLog log = CapturedLog.of(AsyncUserNotifier.class)) {
            AsyncUserNotifier notifier = MailNotifiers.async(smtp(), 10);
            notifier.close();

            notifier.sendPasswordReset(aUser(), "too-late");

            assertThat(log.messages(Level.WARN)).singleElement().asString()
                    .contains("Dropped the password reset mail for user 42", "queue is closed");
            assertThat(greenMail.getReceivedMessages()).isEmpty();
        }
    }

    @Test
    void failuresAreLoggedWithoutTheCode() {
        UserNotifier failing = new UserNotifier() {
            @Override
            public void sendEmailConfirmation(User user, String code) {
                throw new IllegalStateException("server rejected the mail with code " + code);
            }

            @Override
            public void sendPasswordReset(User user, String code) {
                throw new IllegalStateException("server rejected the mail with code " + code);
            }
        };
        try (CapturedLog log = CapturedLog.of(AsyncUserNotifier.class)) {
            try (AsyncUserNotifier notifier = MailNotifiers.async(failing, 10)) {
                notifier.sendEmailConfirmation(aUser(), "s3cret-code");
            }

            assertThat(log.messages(Level.WARN)).singleElement().asString()
                    .contains("Could not send the email confirmation mail to user 42", "IllegalStateException",
                            "with code [code]")
                    .doesNotContain("s3cret-code");
        }
    }
}
