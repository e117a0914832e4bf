package io.userservice.core.memory;

import io.userservice.core.domain.AuthorizationCode;
import io.userservice.core.port.out.AuthorizationCodePort;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryAuthorizationCodes implements AuthorizationCodePort {

    private final ConcurrentHashMap<String, AuthorizationCode> codes = new ConcurrentHashMap<>();
    private final Set<String> consumed = ConcurrentHashMap.newKeySet();
    private final Set<String> replayed = ConcurrentHashMap.newKeySet();

    @Override
    public void save(AuthorizationCode code) {
        codes.put(code.codeHash(), code);
    }

    @Override
    public Optional<Redemption> consume(String codeHash, Instant at) {
        AuthorizationCode code = codeHash == null ? null : codes.get(codeHash);
        if (code == null) {
            return Optional.empty();
        }
        boolean first = consumed.add(codeHash);
        if (!first) {
            replayed.add(codeHash);
            return Optional.of(new Redemption(code.withoutIdToken(), false));
        }
        codes.replace(codeHash, code, code.withoutIdToken());
        return Optional.of(new Redemption(code, true));
    }

    @Override
    public int deleteExpiredBefore(Instant before) {
        int deleted = 0;
        for (AuthorizationCode code : codes.values()) {
            if (code.expiresAt().isBefore(before) && codes.remove(code.codeHash(), code)) {
                consumed.remove(code.codeHash());
                replayed.remove(code.codeHash());
                deleted++;
            }
        }
        return deleted;
    }

    @Override
    public int eraseUser(long userId) {
        int erased = 0;
        for (AuthorizationCode code : codes.values()) {
            if (code.userId() == userId && codes.remove(code.codeHash(), code)) {
                consumed.remove(code.codeHash());
                replayed.remove(code.codeHash());
                erased++;
            }
        }
        return erased;
    }

    @Override
    public boolean wasReplayed(String codeHash) {
        return replayed.contains(codeHash);
    }
}
