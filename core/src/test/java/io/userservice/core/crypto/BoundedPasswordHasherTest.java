package io.userservice.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.port.TooBusyException;
import io.userservice.core.port.out.PasswordHasher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedPasswordHasherTest {

    private final GatedHasher gated = new GatedHasher();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        gated.open.countDown();
        callers.shutdownNow();
    }

    @Test
    void aFullPoolRefusesAtOnceAndAcceptsAgainWhenWorkIsDone() throws Exception {
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(gated, 2, 1);
        List<Future<Boolean>> inFlight = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            inFlight.add(callers.submit(() -> bounded.verify("password", "hash")));
        }
        gated.awaitRunning(2);
        awaitInProgress(bounded, 3);

        // two running, one waiting: the fourth call is refused without waiting for any of them
        assertThatThrownBy(() -> bounded.verify("password", "hash"))
                .isInstanceOfSatisfying(TooBusyException.class, e -> {
                    assertThat(e.code()).isEqualTo("too_busy");
                    assertThat(e.retryAfterSeconds()).isPositive();
                });
        assertThatThrownBy(() -> bounded.hash("password")).isInstanceOf(TooBusyException.class);

        gated.open.countDown();
        for (Future<Boolean> call : inFlight) {
            assertThat(call.get(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(bounded.verify("password", "hash")).isTrue();
        assertThat(gated.mostAtOnce.get()).isEqualTo(2);
    }

    @Test
    void noMoreThanTheConcurrencyRunAtOnceWhileTheOthersWait() throws Exception {
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(gated, 1, 5);
        List<Future<String>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(callers.submit(() -> bounded.hash("password")));
        }
        gated.awaitRunning(1);
        gated.open.countDown();
        for (Future<String> call : calls) {
            assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("hashed");
        }
        assertThat(gated.mostAtOnce.get()).isEqualTo(1);
        assertThat(gated.calls.get()).isEqualTo(6);
    }

    private static void awaitInProgress(BoundedPasswordHasher bounded, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (bounded.inProgress() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + bounded.inProgress() + " calls admitted");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void needsRehashIsNotBounded() {
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(gated, 1, 0);
        callers.submit(() -> bounded.verify("password", "hash"));
        gated.awaitRunning(1);

        assertThat(bounded.needsRehash("old")).isTrue();
    }

    /** A hasher whose calls block until the gate opens, counting how many run at once. */
    private static final class GatedHasher implements PasswordHasher {
        final CountDownLatch open = new CountDownLatch(1);
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();
        private final Object started = new Object();

        @Override
        public String hash(String password) {
            pass();
            return "hashed";
        }

        @Override
        public boolean verify(String password, String hash) {
            pass();
            return true;
        }

        @Override
        public boolean needsRehash(String hash) {
            return "old".equals(hash);
        }

        private void pass() {
            int now = running.incrementAndGet();
            calls.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            synchronized (started) {
                started.notifyAll();
            }
            try {
                if (!open.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("the gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
        }

        void awaitRunning(int count) {
            synchronized (started) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (running.get() < count) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        throw new AssertionError("only " + running.get() + " calls started");
                    }
                    try {
                        started.wait(left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError(e);
                    }
                }
            }
        }
    }
}
