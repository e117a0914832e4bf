package io.userservice.core.memory;

import io.userservice.core.domain.TotpFactor;
import io.userservice.core.port.out.SecondFactorPort;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Second factors kept in memory; thread-safe, every single-use rule decided under one lock. */
public final class InMemorySecondFactors implements SecondFactorPort {

    private final Map<Long, TotpFactor> totp = new HashMap<>();
    /** Per user: recovery code hash → whether it was used. */
    private final Map<Long, Map<String, Boolean>> recoveryCodes = new HashMap<>();

    @Override
    public synchronized boolean savePendingTotp(long userId, String storedSecret, Instant at) {
        TotpFactor existing = totp.get(userId);
        if (existing != null && existing.enabled()) {
            return false;
        }
        totp.put(userId, new TotpFactor(userId, storedSecret, at, null, -1));
        return true;
    }

    @Override
    public synchronized boolean enableTotp(long userId, long usedStep, Instant at) {
        TotpFactor existing = totp.get(userId);
        if (existing == null || existing.enabled()) {
            return false;
        }
        totp.put(userId, new TotpFactor(userId, existing.storedSecret(), existing.createdAt(), at, usedStep));
        return true;
    }

    @Override
    public synchronized Optional<TotpFactor> totp(long userId) {
        return Optional.ofNullable(totp.get(userId));
    }

    @Override
    public synchronized boolean useTotpStep(long userId, long step) {
        TotpFactor existing = totp.get(userId);
        if (existing == null || !existing.enabled() || existing.lastUsedStep() >= step) {
            return false;
        }
        totp.put(userId, new TotpFactor(userId, existing.storedSecret(), existing.createdAt(), existing.enabledAt(),
                step));
        return true;
    }

    @Override
    public synchronized void replaceRecoveryCodes(long userId, List<String> codeHashes, Instant at) {
        Map<String, Boolean> fresh = new HashMap<>();
        codeHashes.forEach(hash -> fresh.put(hash, false));
        recoveryCodes.put(userId, fresh);
    }

    @Override
    public synchronized boolean useRecoveryCode(long userId, String codeHash, Instant at) {
        Map<String, Boolean> codes = recoveryCodes.get(userId);
        if (codes == null || !Boolean.FALSE.equals(codes.get(codeHash))) {
            return false;
        }
        codes.put(codeHash, true);
        return true;
    }

    @Override
    public synchronized int recoveryCodesLeft(long userId) {
        Map<String, Boolean> codes = recoveryCodes.getOrDefault(userId, Map.of());
        return (int) codes.values().stream().filter(used -> !used).count();
    }

    @Override
    public synchronized boolean removeAll(long userId) {
        recoveryCodes.remove(userId);
        TotpFactor removed = totp.remove(userId);
        return removed != null && removed.enabled();
    }
}
