package io.userservice.core.crypto;

import io.userservice.core.port.out.PasswordHasher;
import java.util.Objects;
import java.util.Optional;

/**
 * Password checks for a directory that keeps password hashes (the built-in one, a customer's
 * users table): compare with the stored hash, spend the same work on an email that belongs to
 * nobody, and make a stronger hash when the stored one is weaker than the configured hasher's.
 * A directory builds one over the hasher the core gives it (see
 * {@link io.userservice.core.port.out.DirectoryFactory}).
 */
public final class PasswordHashes {

    private final PasswordHasher hasher;
    private volatile String dummyHash;

    public PasswordHashes(PasswordHasher hasher) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    /** A hash of the password, to store. */
    public String hash(String password) {
        return hasher.hash(password);
    }

    /**
     * Whether the password matches the stored hash. For {@code null} (nobody's hash) it does the
     * same work against a hash made by the same hasher, and answers false.
     */
    public boolean matches(String password, String storedHash) {
        if (storedHash == null) {
            hasher.verify(password, dummyHash());
            return false;
        }
        return hasher.verify(password, storedHash);
    }

    /**
     * For a password that {@link #matches} its stored hash: a new hash to store in its place when
     * the stored one was made with weaker settings than the hasher's, else empty.
     */
    public Optional<String> upgrade(String password, String storedHash) {
        return hasher.needsRehash(storedHash) ? Optional.of(hasher.hash(password)) : Optional.empty();
    }

    /** Made at first need, so a start pays for no hashing it may never use. */
    private String dummyHash() {
        String dummy = dummyHash;
        if (dummy == null) {
            dummy = hasher.hash("dummy password " + System.nanoTime());
            dummyHash = dummy;
        }
        return dummy;
    }
}
