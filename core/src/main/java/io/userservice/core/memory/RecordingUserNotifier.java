package io.userservice.core.memory;

import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.OutboxMail;
import io.userservice.core.port.out.UserNotifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A notifier that keeps the mails it was asked to deliver, for programs that deliver codes
 * themselves (and for tests). Thread-safe.
 */
public final class RecordingUserNotifier implements UserNotifier {

    /** What was delivered: the kind, the recipient, the code, and the outbox mail itself. */
    public record Notification(MailKind kind, String email, String code, OutboxMail mail) {
    }

    private final List<Notification> sent = new ArrayList<>();

    @Override
    public synchronized void deliver(OutboxMail mail) {
        sent.add(new Notification(mail.kind(), mail.recipient(), mail.code(), mail));
    }

    public synchronized List<Notification> sent() {
        return List.copyOf(sent);
    }

    /** The code of the latest delivered mail of this kind to this email. */
    public synchronized Optional<String> lastCode(MailKind kind, String email) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            Notification n = sent.get(i);
            if (n.kind() == kind && n.email().equalsIgnoreCase(email)) {
                return Optional.of(n.code());
            }
        }
        return Optional.empty();
    }
}
