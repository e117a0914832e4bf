package io.userservice.core.memory;

import io.userservice.core.domain.RefreshToken;
import io.userservice.core.domain.Session;
import io.userservice.core.domain.SessionClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import io.userservice.core.port.out.RefreshTokenPort;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/** Refresh tokens and their families kept in memory; thread-safe, every operation is atomic. */
public final class InMemoryRefreshTokens implements RefreshTokenPort {

    private record Family(long userId, long epoch, Instant startedAt, Instant revokedAt, Instant lastUsedAt,
                          SessionClient lastClient, SessionClient signInClient) {
        Family revoked(Instant at) {
            return revokedAt != null ? this
                    : new Family(userId, epoch, startedAt, at, lastUsedAt, lastClient, signInClient);
        }

        Family usedBy(SessionClient client, Instant at) {
            return new Family(userId, epoch, startedAt, revokedAt, at, client,
                    lastUsedAt == null ? client : signInClient);
        }
    }

    private final Map<String, RefreshToken> byHash = new HashMap<>();
    private final Map<UUID, Family> families = new HashMap<>();

    @Override
    public synchronized void save(RefreshToken token) {
        families.putIfAbsent(token.familyId(),
                new Family(token.userId(), token.epoch(), token.sessionStartedAt(), null, null, null, null));
        byHash.put(token.tokenHash(), token);
    }

    @Override
    public synchronized Optional<RefreshToken> findByHash(String tokenHash) {
        RefreshToken t = byHash.get(tokenHash);
        if (t == null) {
            return Optional.empty();
        }
        Family family = families.get(t.familyId());
        Instant revokedAt = t.revokedAt() != null ? t.revokedAt() : family.revokedAt();
        return Optional.of(new RefreshToken(t.tokenHash(), t.familyId(), t.userId(), t.issuedAt(), t.expiresAt(),
                t.rotatedAt(), t.sealedSuccessor(), revokedAt, family.epoch(), family.startedAt()));
    }

    @Override
    public synchronized boolean rotate(String parentHash, RefreshToken successor, byte[] sealedSuccessor,
                                       Instant at) {
        RefreshToken parent = byHash.get(parentHash);
        if (parent == null || parent.rotatedAt() != null || parent.revokedAt() != null
                || families.get(parent.familyId()).revokedAt() != null) {
            return false;
        }
        byHash.put(parentHash, new RefreshToken(parent.tokenHash(), parent.familyId(), parent.userId(),
                parent.issuedAt(), parent.expiresAt(), at, sealedSuccessor, null, parent.epoch(),
                parent.sessionStartedAt()));
        byHash.put(successor.tokenHash(), successor);
        return true;
    }

    @Override
    public synchronized int revokeFamily(UUID familyId, Instant at) {
        families.computeIfPresent(familyId, (id, f) -> f.revoked(at));
        return revokeWhere(t -> t.familyId().equals(familyId), at);
    }

    @Override
    public synchronized int revokeAllOfUser(long userId, Instant at) {
        families.replaceAll((id, f) -> f.userId() == userId ? f.revoked(at) : f);
        return revokeWhere(t -> t.userId() == userId, at);
    }

    private int revokeWhere(Predicate<RefreshToken> selected, Instant at) {
        int count = 0;
        for (Map.Entry<String, RefreshToken> entry : byHash.entrySet()) {
            RefreshToken t = entry.getValue();
            if (t.revokedAt() == null && selected.test(t)) {
                entry.setValue(new RefreshToken(t.tokenHash(), t.familyId(), t.userId(), t.issuedAt(),
                        t.expiresAt(), t.rotatedAt(), t.sealedSuccessor(), at, t.epoch(), t.sessionStartedAt()));
                count++;
            }
        }
        return count;
    }

    @Override
    public synchronized void recordUse(UUID familyId, SessionClient client, Instant at) {
        families.computeIfPresent(familyId, (id, f) -> f.usedBy(client, at));
    }

    @Override
    public synchronized List<Session> sessionsOf(long userId, long epoch, Instant now) {
        List<Session> sessions = new ArrayList<>();
        families.forEach((id, f) -> {
            if (f.userId() == userId && f.epoch() == epoch && f.revokedAt() == null && hasLiveToken(id, now)) {
                sessions.add(new Session(id, f.startedAt(), f.lastUsedAt(), f.lastClient(), f.signInClient()));
            }
        });
        sessions.sort(Comparator.comparing(Session::createdAt).reversed().thenComparing(Session::id));
        return sessions;
    }

    private boolean hasLiveToken(UUID familyId, Instant now) {
        return byHash.values().stream().anyMatch(t -> t.familyId().equals(familyId) && t.rotatedAt() == null
                && t.revokedAt() == null && now.isBefore(t.expiresAt()));
    }

    @Override
    public synchronized boolean revokeSession(long userId, UUID familyId, Instant at) {
        Family family = families.get(familyId);
        if (family == null || family.userId() != userId || family.revokedAt() != null) {
            return false;
        }
        revokeFamily(familyId, at);
        return true;
    }

    @Override
    public synchronized int eraseUser(long userId) {
        families.values().removeIf(f -> f.userId() == userId);
        int before = byHash.size();
        byHash.values().removeIf(t -> t.userId() == userId);
        return before - byHash.size();
    }
}
