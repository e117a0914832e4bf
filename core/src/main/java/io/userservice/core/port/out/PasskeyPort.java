package io.userservice.core.port.out;

import io.userservice.core.domain.Passkey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores users' passkeys and their opaque WebAuthn user handles. */
public interface PasskeyPort {

    /**
     * The user's WebAuthn user handle: the one stored, or else {@code candidate}, stored now. Of
     * concurrent calls for one user, on any number of instances, all return the same handle.
     */
    String userHandle(long userId, String candidate);

    /** The user whose handle this is. */
    Optional<Long> userWithHandle(String handle);

    /**
     * Stores a new passkey; returns false, storing nothing, when a passkey with its credential id
     * exists already (for any user).
     */
    boolean add(Passkey passkey);

    Optional<Passkey> findByCredentialId(byte[] credentialId);

    /** The user's passkeys, oldest first. */
    List<Passkey> listOf(long userId);

    /** Renames the user's passkey; false when the user has no passkey with this id. */
    boolean rename(long userId, String id, String name);

    /** Removes the user's passkey; false when the user has no passkey with this id. */
    boolean delete(long userId, String id);

    /**
     * Records a sign-in with the passkey: sets its counter to {@code newCount} and its last use to
     * {@code at}, only if its counter is still {@code expectedCount}, in one atomic step. Of
     * concurrent calls expecting the same counter, on any number of instances, at most one returns
     * true; a passkey deleted meanwhile returns false.
     */
    boolean recordUse(String id, long expectedCount, long newCount, Instant at);

    /** Erases every passkey of the user and their user handle; returns how many passkeys. */
    int eraseUser(long userId);
}
