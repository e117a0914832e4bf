package io.userservice.mail;

import io.userservice.core.domain.User;
import io.userservice.core.port.out.UserNotifier;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Holds every mail at a gate until the test opens it, then passes it on. */
final class GatedNotifier implements UserNotifier {

    private final UserNotifier next;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final CountDownLatch firstArrived = new CountDownLatch(1);

    GatedNotifier(UserNotifier next) {
        this.next = next;
    }

    void open() {
        gate.countDown();
    }

    /** Waits until a mail reached the gate, that is until the background thread took it. */
    void awaitFirstMail() throws InterruptedException {
        if (!firstArrived.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no mail reached the gate");
        }
    }

    @Override
    public void sendEmailConfirmation(User user, String code) {
        pass();
        next.sendEmailConfirmation(user, code);
    }

    @Override
    public void sendPasswordReset(User user, String code) {
        pass();
        next.sendPasswordReset(user, code);
    }

    private void pass() {
        firstArrived.countDown();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the gate", e);
        }
    }
}
