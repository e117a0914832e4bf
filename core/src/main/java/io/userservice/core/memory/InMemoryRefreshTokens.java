package io.userservice.core.memory;

import io.userservice.core.domain.RefreshToken;
import io.userservice.core.port.out.RefreshTokenPort;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/** Refresh tokens kept in memory; thread-safe, rotation is atomic. */
public final class InMemoryRefreshTokens implements RefreshTokenPort {

    private final Map<String, RefreshToken> byHash = new HashMap<>();

    @Override
    public synchronized void save(RefreshToken token) {
        byHash.put(token.tokenHash(), token);
    }

    @Override
    public synchronized Optional<RefreshToken> findByHash(String tokenHash) {
        return Optional.ofNullable(byHash.get(tokenHash));
    }

    @Override
    public synchronized boolean rotate(String parentHash, RefreshToken successor, byte[] sealedSuccessor,
                                       Instant at) {
        RefreshToken parent = byHash.get(parentHash);
        if (parent == null || parent.rotatedAt() != null || parent.revokedAt() != null) {
            return false;
        }
        byHash.put(parentHash, new RefreshToken(parent.tokenHash(), parent.familyId(), parent.userId(),
                parent.issuedAt(), parent.expiresAt(), at, sealedSuccessor, null));
        byHash.put(successor.tokenHash(), successor);
        return true;
    }

    @Override
    public int revokeFamily(UUID familyId, Instant at) {
        return revokeWhere(t -> t.familyId().equals(familyId), at);
    }

    @Override
    public int revokeAllOfUser(long userId, Instant at) {
        return revokeWhere(t -> t.userId() == userId, at);
    }

    private synchronized int revokeWhere(Predicate<RefreshToken> selected, Instant at) {
        int count = 0;
        for (Map.Entry<String, RefreshToken> entry : byHash.entrySet()) {
            RefreshToken t = entry.getValue();
            if (t.revokedAt() == null && selected.test(t)) {
                entry.setValue(new RefreshToken(t.tokenHash(), t.familyId(), t.userId(), t.issuedAt(),
                        t.expiresAt(), t.rotatedAt(), t.sealedSuccessor(), at));
                count++;
            }
        }
        return count;
    }
}
