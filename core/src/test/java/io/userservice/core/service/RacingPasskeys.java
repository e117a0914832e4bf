package io.userservice.core.service;

import io.userservice.core.domain.Passkey;
import io.userservice.core.port.out.PasskeyPort;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The passkeys, where another copy of the authenticator can sign in between a check and its use. */
final class RacingPasskeys implements PasskeyPort {
    private final PasskeyPort passkeys;
    private boolean changeCount;

    RacingPasskeys(PasskeyPort passkeys) {
        this.passkeys = passkeys;
    }

    void changeCountOnNextUse() {
        changeCount = true;
    }

    @Override
    public String userHandle(long userId, String candidate) {
        return passkeys.userHandle(userId, candidate);
    }

    @Override
    public Optional<Long> userWithHandle(String handle) {
        return passkeys.userWithHandle(handle);
    }

    @Override
    public boolean add(Passkey passkey) {
        return passkeys.add(passkey);
    }

    @Override
    public Optional<Passkey> findByCredentialId(byte[] credentialId) {
        return passkeys.findByCredentialId(credentialId);
    }

    @Override
    public List<Passkey> listOf(long userId) {
        return passkeys.listOf(userId);
    }

    @Override
    public boolean rename(long userId, String id, String name) {
        return passkeys.rename(userId, id, name);
    }

    @Override
    public boolean delete(long userId, String id) {
        return passkeys.delete(userId, id);
    }

    @Override
    public boolean recordUse(String id, long expectedCount, long newCount, Instant at) {
        if (changeCount) {
            changeCount = false;
            passkeys.recordUse(id, expectedCount, expectedCount + 100, at);
        }
        return passkeys.recordUse(id, expectedCount, newCount, at);
    }

    @Override
    public int eraseUser(long userId) {
        return passkeys.eraseUser(userId);
    }
}
