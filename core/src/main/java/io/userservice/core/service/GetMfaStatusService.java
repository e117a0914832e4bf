package io.userservice.core.service;

import io.userservice.core.domain.TotpFactor;
import io.userservice.core.port.in.GetMfaStatusUseCase;
import io.userservice.core.port.out.SecondFactorPort;
import java.util.List;
import java.util.Optional;

final class GetMfaStatusService implements GetMfaStatusUseCase {

    private final SecondFactorPort store;
    private final SecondFactors factors;

    GetMfaStatusService(SecondFactorPort store, SecondFactors factors) {
        this.store = store;
        this.factors = factors;
    }

    @Override
    public Status status(long userId) {
        Optional<TotpFactor> totp = store.totp(userId);
        boolean on = totp.map(TotpFactor::enabled).orElse(false);
        boolean pending = totp.isPresent() && !on;
        List<String> methods = factors.methods(userId);
        return new Status(!methods.isEmpty(), on, pending, on ? store.recoveryCodesLeft(userId) : 0, methods);
    }
}
