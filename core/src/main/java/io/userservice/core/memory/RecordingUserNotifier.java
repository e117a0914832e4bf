package io.userservice.core.memory;

import io.userservice.core.domain.User;
import io.userservice.core.port.out.UserNotifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A notifier that keeps what it was asked to send, for programs that deliver codes themselves
 * (and for tests). Thread-safe.
 */
public final class RecordingUserNotifier implements UserNotifier {

    /** What was sent: the kind, the recipient, and the code. */
    public record Notification(Kind kind, String email, String code) {
    }

    public enum Kind {
        EMAIL_CONFIRMATION,
        PASSWORD_RESET
    }

    private final List<Notification> sent = new ArrayList<>();

    @Override
    public synchronized void sendEmailConfirmation(User user, String code) {
        sent.add(new Notification(Kind.EMAIL_CONFIRMATION, user.email().value(), code));
    }

    @Override
    public synchronized void sendPasswordReset(User user, String code) {
        sent.add(new Notification(Kind.PASSWORD_RESET, user.email().value(), code));
    }

    public synchronized List<Notification> sent() {
        return List.copyOf(sent);
    }

    /** The code of the latest notification of this kind to this email. */
    public synchronized Optional<String> lastCode(Kind kind, String email) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            Notification n = sent.get(i);
            if (n.kind() == kind && n.email().equalsIgnoreCase(email)) {
                return Optional.of(n.code());
            }
        }
        return Optional.empty();
    }
}
