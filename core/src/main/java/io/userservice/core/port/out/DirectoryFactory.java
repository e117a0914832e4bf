package io.userservice.core.port.out;

/**
 * Opens a user directory once the core's password hasher is known: a directory that keeps hashes
 * compares and makes them with the same hasher, under the same limits, as the rest of the service
 * (see {@code io.userservice.core.crypto.PasswordHashes}). A directory that checks passwords
 * itself (LDAP binds) ignores it.
 */
@FunctionalInterface
public interface DirectoryFactory {

    UserDirectory open(PasswordHasher hasher);
}
