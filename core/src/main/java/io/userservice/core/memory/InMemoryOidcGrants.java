package io.userservice.core.memory;

import io.userservice.core.domain.OidcGrant;
import io.userservice.core.port.out.OidcGrantPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryOidcGrants implements OidcGrantPort {

    private final ConcurrentHashMap<UUID, OidcGrant> grants = new ConcurrentHashMap<>();

    @Override
    public void save(OidcGrant grant) {
        grants.put(grant.grantId(), grant);
    }

    @Override
    public Optional<OidcGrant> find(UUID grantId) {
        return grantId == null ? Optional.empty() : Optional.ofNullable(grants.get(grantId));
    }

    @Override
    public synchronized RevokedByCode revokeByCode(String codeHash, Instant at) {
        List<OidcGrant> revoked = new ArrayList<>();
        int now = 0;
        for (OidcGrant grant : grants.values()) {
            if (codeHash.equals(grant.codeHash())) {
                OidcGrant ended = grant.isRevoked() ? grant : revoked(grant, at);
                now += grant.isRevoked() ? 0 : 1;
                grants.put(grant.grantId(), ended);
                revoked.add(ended);
            }
        }
        return new RevokedByCode(revoked, now);
    }

    @Override
    public synchronized boolean revoke(UUID grantId, Instant at) {
        OidcGrant grant = grants.get(grantId);
        if (grant == null || grant.isRevoked()) {
            return false;
        }
        grants.put(grantId, revoked(grant, at));
        return true;
    }

    @Override
    public synchronized int eraseUser(long userId) {
        int erased = 0;
        for (OidcGrant grant : List.copyOf(grants.values())) {
            if (grant.userId() == userId && grants.remove(grant.grantId(), grant)) {
                erased++;
            }
        }
        return erased;
    }

    private static OidcGrant revoked(OidcGrant grant, Instant at) {
        return new OidcGrant(grant.grantId(), grant.clientId(), grant.userId(), grant.scope(), grant.codeHash(),
                grant.createdAt(), at);
    }
}
