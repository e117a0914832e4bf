package io.userservice.core.memory;

import io.userservice.core.port.out.SigningKeyPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Signing keys kept in memory; a process restart forgets them, and every token with them. */
public final class InMemorySigningKeys implements SigningKeyPort {

    private final List<StoredKey> keys = new ArrayList<>();

    @Override
    public synchronized List<StoredKey> findAll() {
        List<StoredKey> copy = new ArrayList<>(keys);
        copy.sort(Comparator.comparing(StoredKey::createdAt).thenComparing(StoredKey::keyId));
        return copy;
    }

    @Override
    public synchronized void add(StoredKey key) {
        if (indexOf(key.keyId()) < 0) {
            keys.add(key);
        }
    }

    @Override
    public synchronized boolean rotate(StoredKey key, Instant at) {
        if (indexOf(key.keyId()) >= 0) {
            return false;
        }
        keys.replaceAll(k -> k.retired() ? k
                : new StoredKey(k.keyId(), k.algorithm(), k.privateJwk(), k.createdAt(), at, k.revokedAt()));
        keys.add(new StoredKey(key.keyId(), key.algorithm(), key.privateJwk(), key.createdAt()));
        return true;
    }

    @Override
    public synchronized boolean revoke(String keyId, Instant at) {
        int index = indexOf(keyId);
        if (index < 0 || keys.get(index).revoked()) {
            return false;
        }
        StoredKey k = keys.get(index);
        keys.set(index, new StoredKey(k.keyId(), k.algorithm(), k.privateJwk(), k.createdAt(),
                k.retired() ? k.retiredAt() : at, at));
        return true;
    }

    @Override
    public synchronized boolean replacePrivateJwk(String keyId, String expected, String replacement) {
        int index = indexOf(keyId);
        if (index < 0 || !keys.get(index).privateJwk().equals(expected)) {
            return false;
        }
        StoredKey k = keys.get(index);
        keys.set(index, new StoredKey(k.keyId(), k.algorithm(), replacement, k.createdAt(), k.retiredAt(),
                k.revokedAt()));
        return true;
    }

    private int indexOf(String keyId) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).keyId().equals(keyId)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public synchronized int deleteRetiredBefore(Instant cutoff) {
        int before = keys.size();
        keys.removeIf(key -> key.retiredAt() != null && key.retiredAt().isBefore(cutoff));
        return before - keys.size();
    }
}
