package io.userservice.core.service;

import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.port.out.ServiceObserver;
import java.time.Duration;

/** Tells the observer how long each password hash or check took. */
final class ObservedPasswordHasher implements PasswordHasher {

    private final PasswordHasher delegate;
    private final ServiceObserver observer;

    ObservedPasswordHasher(PasswordHasher delegate, ServiceObserver observer) {
        this.delegate = delegate;
        this.observer = observer;
    }

    @Override
    public String hash(String password) {
        long started = System.nanoTime();
        try {
            return delegate.hash(password);
        } finally {
            observer.passwordHashed(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    @Override
    public boolean verify(String password, String hash) {
        long started = System.nanoTime();
        try {
            return delegate.verify(password, hash);
        } finally {
            observer.passwordHashed(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    @Override
    public boolean needsRehash(String hash) {
        return delegate.needsRehash(hash);
    }
}
