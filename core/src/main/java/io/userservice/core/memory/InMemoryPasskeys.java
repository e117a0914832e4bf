package io.userservice.core.memory;

import io.userservice.core.domain.Passkey;
import io.userservice.core.port.out.PasskeyPort;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Passkeys and user handles in memory; every method holds one lock, so each is atomic. */
final class InMemoryPasskeys implements PasskeyPort {

    private final Map<Long, String> handles = new HashMap<>();
    private final Map<ByteBuffer, Passkey> byCredential = new HashMap<>();

    @Override
    public synchronized String userHandle(long userId, String candidate) {
        return handles.computeIfAbsent(userId, id -> candidate);
    }

    @Override
    public synchronized Optional<Long> userWithHandle(String handle) {
        return handles.entrySet().stream().filter(e -> e.getValue().equals(handle)).map(Map.Entry::getKey).findFirst();
    }

    @Override
    public synchronized boolean add(Passkey passkey) {
        return byCredential.putIfAbsent(ByteBuffer.wrap(passkey.credentialId()), passkey) == null;
    }

    @Override
    public synchronized Optional<Passkey> findByCredentialId(byte[] credentialId) {
        return Optional.ofNullable(byCredential.get(ByteBuffer.wrap(credentialId.clone())));
    }

    @Override
    public synchronized List<Passkey> listOf(long userId) {
        return byCredential.values().stream().filter(p -> p.userId() == userId)
                .sorted(Comparator.comparing(Passkey::createdAt).thenComparing(Passkey::id)).toList();
    }

    @Override
    public synchronized boolean rename(long userId, String id, String name) {
        return replace(userId, id, p -> new Passkey(p.id(), p.userId(), p.credentialId(), p.credentialRecord(),
                p.signCount(), name, p.createdAt(), p.lastUsedAt()));
    }

    @Override
    public synchronized boolean delete(long userId, String id) {
        return byCredential.values().removeIf(p -> p.userId() == userId && p.id().equals(id));
    }

    @Override
    public synchronized boolean recordUse(String id, long expectedCount, long newCount, Instant at) {
        Optional<Passkey> found = byCredential.values().stream().filter(p -> p.id().equals(id)).findFirst();
        if (found.isEmpty() || found.get().signCount() != expectedCount) {
            return false;
        }
        return replace(found.get().userId(), id, p -> new Passkey(p.id(), p.userId(), p.credentialId(),
                p.credentialRecord(), newCount, p.name(), p.createdAt(), at));
    }

    @Override
    public synchronized int eraseUser(long userId) {
        handles.remove(userId);
        int before = byCredential.size();
        byCredential.values().removeIf(p -> p.userId() == userId);
        return before - byCredential.size();
    }

    private boolean replace(long userId, String id, java.util.function.UnaryOperator<Passkey> change) {
        for (Map.Entry<ByteBuffer, Passkey> entry : byCredential.entrySet()) {
            Passkey p = entry.getValue();
            if (p.userId() == userId && p.id().equals(id)) {
                entry.setValue(change.apply(p));
                return true;
            }
        }
        return false;
    }
}
