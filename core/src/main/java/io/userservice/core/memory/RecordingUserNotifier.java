package io.userservice.core.memory;

import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.OutboxMail;
import io.userservice.core.port.out.UserNotifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A notifier that keeps the latest mails it was asked to deliver, for programs that deliver codes
 * themselves (and for tests). It keeps at most {@link #capacity()} of them, forgetting the oldest
 * first, so a long-running program does not grow without end. Thread-safe.
 */
public final class RecordingUserNotifier implements UserNotifier {

    /** How many mails are kept unless told otherwise. */
    public static final int DEFAULT_CAPACITY = 10_000;

    /** What was delivered: the kind, the recipient, the code, and the outbox mail itself. */
    public record Notification(MailKind kind, String email, String code, OutboxMail mail) {
    }

    private final int capacity;
    private final Deque<Notification> sent = new ArrayDeque<>();

    /** Keeps the latest {@link #DEFAULT_CAPACITY} mails. */
    public RecordingUserNotifier() {
        this(DEFAULT_CAPACITY);
    }

    /** Keeps the latest {@code capacity} mails. */
    public RecordingUserNotifier(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    @Override
    public synchronized void deliver(OutboxMail mail) {
        if (sent.size() == capacity) {
            sent.removeFirst();
        }
        sent.addLast(new Notification(mail.kind(), mail.recipient(), mail.code(), mail));
    }

    /** The mails kept, oldest first. */
    public synchronized List<Notification> sent() {
        return List.copyOf(sent);
    }

    /** The code of the latest delivered mail of this kind to this email, among those kept. */
    public synchronized Optional<String> lastCode(MailKind kind, String email) {
        for (Iterator<Notification> latestFirst = sent.descendingIterator(); latestFirst.hasNext(); ) {
            Notification n = latestFirst.next();
            if (n.kind() == kind && n.email().equalsIgnoreCase(email)) {
                return Optional.of(n.code());
            }
        }
        return Optional.empty();
    }
}
