package io.userservice.core.outbox;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a pass in one daemon thread of its own, again and again with a fixed delay between the end
 * of one pass and the start of the next; {@link #stop()} lets the pass in progress finish for a
 * while. The outbox dispatchers run their deliveries this way.
 */
final class BackgroundPasses {

    private final String threadName;
    private final Duration stopWait;
    private ScheduledExecutorService executor;

    /** @param stopWait how long {@link #stop()} waits for a pass in progress before interrupting it */
    BackgroundPasses(String threadName, Duration stopWait) {
        this.threadName = threadName;
        this.stopWait = stopWait;
    }

    /**
     * One pass over an outbox: claims one item at a time (a claim must outlast its own delivery,
     * not a whole batch's) and hands it to {@code deliver}, until nothing is due or {@code limit}
     * items were handled.
     *
     * @return how many items were handled
     */
    static <T> int claimingOneAtATime(int limit, Supplier<List<T>> claimOne,
                                      Consumer<T> deliver) {
        int handled = 0;
        while (handled < limit) {
            List<T> claimed = claimOne.get();
            if (claimed.isEmpty()) {
                break;
            }
            claimed.forEach(deliver);
            handled += claimed.size();
        }
        return handled;
    }

    /** Starts the passes, the first at once; calling it again while they run changes nothing. */
    synchronized void start(Duration interval, Runnable pass) {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(pass, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the passes; one in progress gets the stop wait to finish before it is interrupted. */
    void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = executor;
            executor = null;
        }
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(stopWait.toMillis(), TimeUnit.MILLISECONDS)) {
                running.shutdownNow();
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
