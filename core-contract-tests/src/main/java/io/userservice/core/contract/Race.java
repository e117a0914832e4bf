package io.userservice.core.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/** Runs a task on many threads released at the same moment, and reports how each call ended. */
public final class Race {

    public static final int RACERS = 20;
    private static final long TIMEOUT_SECONDS = 60;

    /** How one call ended: with a value, or with the exception it threw. */
    public record Outcome<T>(T value, RuntimeException failure) {

        public boolean succeeded() {
            return failure == null;
        }
    }

    private Race() {
    }

    /** Calls {@code task} with 0 to {@code threads - 1}, each on its own thread, all at once. */
    public static <T> List<Outcome<T>> run(int threads, IntFunction<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Outcome<T>>> calls = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                calls.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        return new Outcome<>(task.apply(index), null);
                    } catch (RuntimeException e) {
                        return new Outcome<T>(null, e);
                    }
                }));
            }
            if (!ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("the racing threads did not start");
            }
            go.countDown();
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<Outcome<T>> call : calls) {
                outcomes.add(call.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while racing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("a racing call did not finish", e);
        } finally {
            pool.shutdownNow();
        }
    }

    public static <T> List<T> winners(List<Outcome<T>> outcomes) {
        return outcomes.stream().filter(Outcome::succeeded).map(Outcome::value).toList();
    }
}
