package io.userservice.mail;

import static io.userservice.mail.Users.confirmation;
import static io.userservice.mail.Users.reset;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogNotifierTest {

    private final MailSettings settings = MailSettings.of("http://localhost:8080/", "no-reply@example.com");

    @Test
    void writesTheWholeResetMailAsOneEntry() {
        try (CapturedLog log = CapturedLog.of(LogMailSender.class)) {
            MailNotifiers.log(settings).deliver(reset("r3set-456"));

            List<String> entries = log.messages(Level.INFO);
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0))
                    .contains("To: " + Users.EMAIL + "\n", "Subject: Reset your User Service password\n")
                    .contains("Message-ID: <outbox-42.k3y@localhost>")
                    .contains("Hello Tom,", "http://localhost:8080/en/user/resetPassword/complete?code=r3set-456")
                    .contains("your password stays unchanged")
                    .doesNotContain("<html");
        }
    }

    @Test
    void writesTheConfirmationLink() {
        try (CapturedLog log = CapturedLog.of(LogMailSender.class)) {
            MailNotifiers.log(settings).deliver(confirmation("c0de-123"));

            assertThat(log.messages(Level.INFO)).singleElement().asString()
                    .contains("http://localhost:8080/en/user/confirm?code=c0de-123");
        }
    }
}
