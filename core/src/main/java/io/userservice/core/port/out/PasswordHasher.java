package io.userservice.core.port.out;

/**
 * Hashes and verifies passwords. Implementations must handle every password the
 * {@link io.userservice.core.domain.PasswordPolicy} allows in full (no silent truncation).
 */
public interface PasswordHasher {

    String hash(String password);

    /** True when the password matches; false (never an exception) for a malformed hash. */
    boolean verify(String password, String hash);

    /** True when the hash was made with weaker settings than the current ones. */
    boolean needsRehash(String hash);
}
