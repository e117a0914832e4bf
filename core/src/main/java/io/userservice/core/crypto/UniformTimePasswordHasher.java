package io.userservice.core.crypto;

import io.userservice.core.port.out.PasswordHasher;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Makes every password check take at least as long as one check against a hash of the current
 * settings, so that the time of a refused sign-in does not tell which kind of hash the account
 * has, or whether it has one at all.
 *
 * <p>An unknown email is checked against a dummy hash made by the hasher, and a wrong password of
 * an ordinary user against their hash: both are one check at the current settings (the
 * <em>reference</em> check). A user brought in with a PBKDF2 or Argon2 hash, or with a bcrypt hash
 * of a lower cost, is checked against that hash until their first successful sign-in re-hashes it;
 * that check takes a different time. So a check of a hash that {@link PasswordHasher#needsRehash
 * needs a re-hash} waits, after it is done, for the rest of the time a reference check takes. The
 * reference time is the median of the last {@value #SAMPLES} reference checks (every unknown email
 * and every ordinary sign-in is one, so it follows the machine's load). Before the first of them it
 * is measured once: by {@link #calibrate()}, which a server calls on a thread of its own once it
 * listens, or else by the first check that needs it. A check that already took longer
 * than the reference does not wait; the import refuses hashes whose parameters would make it so
 * (see {@link #coversTheCostOf}).
 *
 * <p>The wait happens inside whatever bounds the hashing around this hasher, so a padded check
 * holds its hashing slot exactly as long as a reference check would.
 */
public final class UniformTimePasswordHasher implements PasswordHasher {

    static final int SAMPLES = 16;

    /** The seams for time: a monotonic clock and a pause, so tests see what was waited for. */
    interface Pacer {
        long nanoTime();

        void pause(long nanos);
    }

    private static final Pacer SYSTEM = new Pacer() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void pause(long nanos) {
            try {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    };

    private final PasswordHasher delegate;
    private final Pacer pacer;
    private final long[] samples = new long[SAMPLES];
    private int count;
    private int next;
    /** The one measurement before any reference check: run by whoever needs it first, awaited by the others. */
    private final FutureTask<Void> calibration = new FutureTask<>(this::measureOneCheck, null);

    public UniformTimePasswordHasher(PasswordHasher delegate) {
        this(delegate, SYSTEM);
    }

    UniformTimePasswordHasher(PasswordHasher delegate, Pacer pacer) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
    }

    /**
     * Measures the reference check now, on the calling thread (one hash and one check at the
     * current settings), unless it was measured already or is being measured; then it waits for
     * that measurement. Until it is done, the first check that needs the reference time does it.
     */
    public void calibrate() {
        calibration.run();
        try {
            calibration.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the delegate failed; the next check that needs the reference time measures it again
        }
    }

    @Override
    public String hash(String password) {
        return delegate.hash(password);
    }

    @Override
    public boolean verify(String password, String hash) {
        boolean reference = hash != null && !delegate.needsRehash(hash);
        long started = pacer.nanoTime();
        boolean matches = delegate.verify(password, hash);
        long took = pacer.nanoTime() - started;
        if (reference) {
            record(took);
        } else {
            long wait = referenceNanos() - took;
            if (wait > 0) {
                pacer.pause(wait);
            }
        }
        return matches;
    }

    @Override
    public boolean needsRehash(String hash) {
        return hash == null || delegate.needsRehash(hash);
    }

    /**
     * Whether a check against {@code hash} can be padded to the time of a bcrypt check at
     * {@code bcryptCost}: a bcrypt hash of at most that cost, or an imported hash whose parameters
     * take at most as long by {@link ImportedPasswordHashes#costInBcrypt10Checks}.
     */
    public static boolean coversTheCostOf(String hash, int bcryptCost) {
        if (ImportedPasswordHashes.isImportedKind(hash)) {
            return ImportedPasswordHashes.costInBcrypt10Checks(hash) <= Math.scalb(1.0, bcryptCost - 10);
        }
        return hash != null && hash.matches("\\$2[aby]\\$[0-9]{2}\\$.*")
                && Integer.parseInt(hash.substring(4, 6)) <= bcryptCost;
    }

    /** One reference check of a fresh dummy hash, timed. */
    void measureOneCheck() {
        String dummy = delegate.hash("calibration " + pacer.nanoTime());
        long started = pacer.nanoTime();
        delegate.verify("not the calibration password", dummy);
        record(pacer.nanoTime() - started);
    }

    /** The median of the recent reference checks; measures one first (or waits for that) if none yet. */
    long referenceNanos() {
        if (isEmpty()) {
            calibrate();
            if (isEmpty()) {
                measureOneCheck();
            }
        }
        synchronized (this) {
            long[] recent = Arrays.copyOf(samples, count);
            Arrays.sort(recent);
            return recent[count / 2];
        }
    }

    private synchronized boolean isEmpty() {
        return count == 0;
    }

    private synchronized void record(long nanos) {
        samples[next] = nanos;
        next = (next + 1) % SAMPLES;
        count = Math.min(count + 1, SAMPLES);
    }
}
