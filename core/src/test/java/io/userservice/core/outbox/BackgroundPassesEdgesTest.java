package io.userservice.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundPassesEdgesTest {

    private static final long GUARD_SECONDS = 10;

    @Test
    void aPassClaimsOneAtATimeUntilNothingIsDue() {
        Deque<List<String>> claims = new ArrayDeque<>(List.of(List.of("a"), List.of("b"), List.of()));
        List<String> delivered = new ArrayList<>();

        int handled = BackgroundPasses.claimingOneAtATime(10, claims::poll, delivered::add);

        assertThat(handled).isEqualTo(2);
        assertThat(delivered).containsExactly("a", "b");
        assertThat(claims).isEmpty();
    }

    @Test
    void aPassStopsAtItsLimitAndCountsEveryItemOfAClaim() {
        AtomicInteger claimed = new AtomicInteger();
        List<Integer> delivered = new ArrayList<>();

        int handled = BackgroundPasses.claimingOneAtATime(3, () -> List.of(claimed.incrementAndGet()),
                delivered::add);

        assertThat(handled).isEqualTo(3);
        assertThat(delivered).containsExactly(1, 2, 3);
        assertThat(BackgroundPasses.claimingOneAtATime(3, () -> List.of(7, 8), delivered::add)).isEqualTo(4);
        assertThat(BackgroundPasses.claimingOneAtATime(0, () -> List.of(9), delivered::add)).isZero();
    }

    @Test
    void passesRunInOneNamedDaemonThreadAndAStartedRunnerIgnoresAnotherStart() throws InterruptedException {
        BackgroundPasses passes = new BackgroundPasses("test-passes", Duration.ofSeconds(1));
        CountDownLatch ran = new CountDownLatch(1);
        List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger second = new AtomicInteger();
        try {
            passes.start(Duration.ofHours(1), () -> {
                threads.add(Thread.currentThread());
                ran.countDown();
            });
            passes.start(Duration.ofMillis(1), second::incrementAndGet);

            assertThat(ran.await(GUARD_SECONDS, TimeUnit.SECONDS)).as("the first pass runs at once").isTrue();
            Thread.sleep(100);
        } finally {
            passes.stop();
        }
        assertThat(threads).singleElement().satisfies(thread -> {
            assertThat(thread.getName()).isEqualTo("test-passes");
            assertThat(thread.isDaemon()).isTrue();
        });
        assertThat(second.get()).isZero();
    }

    @Test
    void stopLetsAShortPassFinish() throws InterruptedException {
        BackgroundPasses passes = new BackgroundPasses("test-passes", Duration.ofSeconds(GUARD_SECONDS));
        CountDownLatch entered = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        passes.start(Duration.ofHours(1), () -> {
            entered.countDown();
            try {
                Thread.sleep(100);
                finished.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(entered.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();

        passes.stop();

        assertThat(finished.get()).isEqualTo(1);
    }

    @Test
    void stopInterruptsAPassThatOutlastsTheStopWait() throws InterruptedException {
        BackgroundPasses passes = new BackgroundPasses("test-passes", Duration.ofMillis(50));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        passes.start(Duration.ofHours(1), () -> hang(entered, interrupted));
        assertThat(entered.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();

        passes.stop();

        assertThat(interrupted.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
        passes.stop();
    }

    @Test
    void aStopThatIsInterruptedInterruptsThePassAndKeepsTheInterrupt() throws InterruptedException {
        BackgroundPasses passes = new BackgroundPasses("test-passes", Duration.ofSeconds(GUARD_SECONDS));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        passes.start(Duration.ofHours(1), () -> hang(entered, interrupted));
        assertThat(entered.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();

        Thread.currentThread().interrupt();
        long started = System.nanoTime();
        passes.stop();

        assertThat(Thread.interrupted()).as("the caller is still interrupted").isTrue();
        assertThat(interrupted.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(GUARD_SECONDS));
    }

    @Test
    void aStoppedRunnerCanBeStartedAgain() throws InterruptedException {
        BackgroundPasses passes = new BackgroundPasses("test-passes", Duration.ofSeconds(1));
        passes.stop();
        passes.start(Duration.ofHours(1), () -> { });
        passes.stop();
        CountDownLatch ran = new CountDownLatch(1);
        try {
            passes.start(Duration.ofHours(1), ran::countDown);
            assertThat(ran.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
        } finally {
            passes.stop();
        }
    }

    private static void hang(CountDownLatch entered, CountDownLatch interrupted) {
        entered.countDown();
        try {
            Thread.sleep(TimeUnit.SECONDS.toMillis(GUARD_SECONDS * 3));
        } catch (InterruptedException e) {
            interrupted.countDown();
        }
    }
}
