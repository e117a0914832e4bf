package io.userservice.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.OutboxMail;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordingUserNotifierTest {

    private static OutboxMail mail(long id, String recipient, String code) {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        return new OutboxMail(id, MailKind.EMAIL_CONFIRMATION, recipient, "en", null, null, code, "m-" + id, 0, now,
                now, null, null, null);
    }

    @Test
    void itKeepsTheLatestMailsUpToItsCapacityForgettingTheOldestFirst() {
        RecordingUserNotifier notifier = new RecordingUserNotifier(2);

        notifier.deliver(mail(1, "ann@example.com", "first"));
        notifier.deliver(mail(2, "bob@example.com", "second"));
        notifier.deliver(mail(3, "ann@example.com", "third"));

        assertThat(notifier.sent()).extracting(RecordingUserNotifier.Notification::code)
                .containsExactly("second", "third");
        assertThat(notifier.lastCode(MailKind.EMAIL_CONFIRMATION, "ANN@example.com")).contains("third");
        assertThat(notifier.lastCode(MailKind.PASSWORD_RESET, "ann@example.com")).isEmpty();
    }

    @Test
    void byDefaultItKeepsTenThousand() {
        RecordingUserNotifier notifier = new RecordingUserNotifier();
        for (int i = 0; i < RecordingUserNotifier.DEFAULT_CAPACITY + 5; i++) {
            notifier.deliver(mail(i, "ann@example.com", "code-" + i));
        }

        assertThat(notifier.sent()).hasSize(RecordingUserNotifier.DEFAULT_CAPACITY);
        assertThat(notifier.sent().get(0).code()).isEqualTo("code-5");
    }
}
