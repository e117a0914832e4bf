package io.userservice.core.crypto;

import io.userservice.core.port.TooBusyException;
import io.userservice.core.port.out.PasswordHasher;
import java.util.Objects;
import java.util.concurrent.Semaphore;

/**
 * Bounds the password hashing in progress: at most {@code concurrency} hashes run at once (one
 * per core keeps the hashing rate at its maximum without starving the cheap requests of CPU) and
 * at most {@code queueCapacity} more wait for their turn. A call beyond that fails at once with a
 * {@link TooBusyException} instead of queueing without limit, so a sign-in flood is answered
 * quickly and its waiting time stays bounded by {@code queueCapacity / concurrency} hashes.
 *
 * <p>Only {@link #hash} and {@link #verify} are bounded; {@link #needsRehash} reads the hash's
 * header and costs nothing.
 */
public final class BoundedPasswordHasher implements PasswordHasher {

    static final int RETRY_AFTER_SECONDS = 1;

    private final PasswordHasher delegate;
    private final int capacity;
    private final Semaphore admitted;
    private final Semaphore running;

    public BoundedPasswordHasher(PasswordHasher delegate, int concurrency, int queueCapacity) {
        if (concurrency < 1 || queueCapacity < 0) {
            throw new IllegalArgumentException("hashing concurrency must be at least 1 and its queue not negative");
        }
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.capacity = concurrency + queueCapacity;
        this.admitted = new Semaphore(capacity);
        this.running = new Semaphore(concurrency, true);
    }

    @Override
    public String hash(String password) {
        admit();
        try {
            awaitTurn();
            try {
                return delegate.hash(password);
            } finally {
                running.release();
            }
        } finally {
            admitted.release();
        }
    }

    @Override
    public boolean verify(String password, String hash) {
        admit();
        try {
            awaitTurn();
            try {
                return delegate.verify(password, hash);
            } finally {
                running.release();
            }
        } finally {
            admitted.release();
        }
    }

    @Override
    public boolean needsRehash(String hash) {
        return delegate.needsRehash(hash);
    }

    /** The hashes running or waiting right now. */
    public int inProgress() {
        return capacity - admitted.availablePermits();
    }

    private void admit() {
        if (!admitted.tryAcquire()) {
            throw new TooBusyException("Too many sign-ins at once. Please try again shortly.", RETRY_AFTER_SECONDS);
        }
    }

    private void awaitTurn() {
        try {
            running.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TooBusyException("Interrupted while waiting to check a password.", RETRY_AFTER_SECONDS);
        }
    }
}
