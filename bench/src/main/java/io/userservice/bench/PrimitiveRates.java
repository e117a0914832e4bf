package io.userservice.bench;

import io.userservice.core.crypto.BcryptPasswordHasher;
import io.userservice.core.crypto.JoseAccessTokens;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.memory.InMemorySigningKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * The raw rates of the primitives a request pays for, on a given number of threads: bcrypt
 * verification at a cost, RS256 signing and verification of an access token like the service's.
 * The load script runs it in the same session as the HTTP scenarios, so the targets compare
 * figures measured on the same machine at the same time. Prints one {@code name<TAB>per second}
 * line per primitive.
 *
 * <pre>java -cp … io.userservice.bench.PrimitiveRates [cost] [threads] [seconds per primitive]</pre>
 */
public final class PrimitiveRates {

    private PrimitiveRates() {
    }

    public static void main(String[] args) throws InterruptedException {
        int cost = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;

        BcryptPasswordHasher hasher = new BcryptPasswordHasher(cost);
        String password = "correct horse battery";
        String hash = hasher.hash(password);
        JoseAccessTokens tokens = new JoseAccessTokens(new InMemorySigningKeys(), Clock.systemUTC(),
                "http://127.0.0.1", "user-service");
        User user = new User(1, "1", UUID.randomUUID(), Email.of("bench@example.com"), "Bench", "User", "en", 0,
                Set.of(Role.USER_EDIT), true, Instant.now(), Instant.now());
        String token = tokens.issue(user, Instant.now(), Instant.now().plus(Duration.ofMinutes(15)));

        report("bcrypt_verify_cost" + cost, rate(threads, seconds, t -> () -> hasher.verify(password, hash)));
        report("rs256_sign", rate(threads, seconds,
                t -> () -> tokens.issue(user, Instant.now(), Instant.now().plus(Duration.ofMinutes(15)))));
        report("rs256_verify", rate(threads, seconds, t -> () -> tokens.verify(token)));
    }

    private static void report(String name, double perSecond) {
        System.out.printf("%s\t%.1f%n", name, perSecond);
    }

    /**
     * Operations per second of {@code threads} threads running the operation for {@code seconds},
     * after a warm-up of a fifth of that time (at least one operation per thread).
     */
    static double rate(int threads, double seconds, IntFunction<Runnable> operationForThread)
            throws InterruptedException {
        long warmUpNanos = (long) (seconds * 0.2e9);
        long measureNanos = (long) (seconds * 1e9);
        LongAdder done = new LongAdder();
        CountDownLatch ready = new CountDownLatch(threads);
        long[] window = new long[2];
        Thread[] workers = new Thread[threads];
        long start = System.nanoTime() + 50_000_000L;
        window[0] = start + warmUpNanos;
        window[1] = window[0] + measureNanos;
        for (int i = 0; i < threads; i++) {
            Runnable operation = operationForThread.apply(i);
            workers[i] = new Thread(() -> {
                ready.countDown();
                long now;
                do {
                    operation.run();
                    now = System.nanoTime();
                } while (now < window[0]);
                long count = 0;
                while (now < window[1]) {
                    operation.run();
                    count++;
                    now = System.nanoTime();
                }
                done.add(count);
            }, "primitive-" + i);
            workers[i].start();
        }
        ready.await();
        for (Thread worker : workers) {
            worker.join();
        }
        return done.sum() / seconds;
    }
}
