package io.userservice.mail;

import io.userservice.core.domain.User;
import io.userservice.core.port.out.UserNotifier;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link UserNotifier} that hands each mail to one background thread, so that callers never
 * wait for the mail server. Mails wait in a bounded queue; when it is full, or after
 * {@link #close()}, a mail is dropped with a warning in the log and the caller carries on. Failures
 * of the wrapped notifier are logged as warnings, without the code the mail carries.
 *
 * <p>Build with {@link MailNotifiers#async(UserNotifier, int)}. The thread is a daemon: close the
 * notifier on shutdown so that waiting mails are delivered.
 */
public final class AsyncUserNotifier implements UserNotifier, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncUserNotifier.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final UserNotifier delegate;
    private final int queueCapacity;
    private final Duration drainTimeout;
    private final ThreadPoolExecutor executor;

    AsyncUserNotifier(UserNotifier delegate, int queueCapacity, Duration drainTimeout) {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1");
        }
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.queueCapacity = queueCapacity;
        this.drainTimeout = Objects.requireNonNull(drainTimeout, "drainTimeout");
        String threadName = "user-service-mail-" + INSTANCES.incrementAndGet();
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), task -> {
                    Thread thread = new Thread(task, threadName);
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public void sendEmailConfirmation(User user, String code) {
        enqueue(MailKind.EMAIL_CONFIRMATION, user, code, () -> delegate.sendEmailConfirmation(user, code));
    }

    @Override
    public void sendPasswordReset(User user, String code) {
        enqueue(MailKind.PASSWORD_RESET, user, code, () -> delegate.sendPasswordReset(user, code));
    }

    /** Stops taking mails and delivers those waiting, giving up after a few seconds. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                abandonWaitingMails();
            }
        } catch (InterruptedException e) {
            abandonWaitingMails();
            Thread.currentThread().interrupt();
        }
    }

    private void enqueue(MailKind kind, User user, String code, Runnable delivery) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(code, "code");
        try {
            executor.execute(() -> deliver(kind, user, code, delivery));
        } catch (RejectedExecutionException e) {
            LOG.warn("Dropped the {} mail for user {}: {}", kind.description(), user.id(),
                    executor.isShutdown() ? "the mail queue is closed"
                            : "the mail queue is full (capacity " + queueCapacity + ")");
        }
    }

    private static void deliver(MailKind kind, User user, String code, Runnable delivery) {
        try {
            delivery.run();
        } catch (RuntimeException e) {
            LOG.warn("Could not send the {} mail to user {}: {}", kind.description(), user.id(),
                    withoutCode(e instanceof MailDeliveryException ? e.getMessage() : Failures.summary(e), code));
        }
    }

    private static String withoutCode(String text, String code) {
        return code.isEmpty() ? text : text.replace(code, "[code]");
    }

    private void abandonWaitingMails() {
        int dropped = executor.shutdownNow().size();
        LOG.warn("Closed the mail queue before it drained (waited {}); mails dropped: {}", drainTimeout, dropped);
    }
}
