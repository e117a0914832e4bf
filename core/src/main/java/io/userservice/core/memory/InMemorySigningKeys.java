package io.userservice.core.memory;

import io.userservice.core.port.out.SigningKeyPort;
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
        if (keys.stream().noneMatch(k -> k.keyId().equals(key.keyId()))) {
            keys.add(key);
        }
    }
}
