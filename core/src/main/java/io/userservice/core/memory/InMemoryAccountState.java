package io.userservice.core.memory;

import io.userservice.core.domain.AccountChange;
import io.userservice.core.domain.AccountState;
import io.userservice.core.domain.Role;
import io.userservice.core.port.out.AccountStatePort;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** What the service keeps about each user, in memory; thread-safe, every change atomic. */
public final class InMemoryAccountState implements AccountStatePort {

    private final Map<Long, AccountState> byUser = new HashMap<>();

    @Override
    public synchronized AccountState stateOf(long userId) {
        return byUser.getOrDefault(userId, AccountState.initial());
    }

    @Override
    public void apply(long userId, AccountChange accountChange) {
        change(userId, accountChange::applyTo);
    }

    @Override
    public synchronized boolean applyIfEpoch(long userId, long expectedEpoch, AccountChange accountChange) {
        AccountState state = stateOf(userId);
        if (state.credentialEpoch() != expectedEpoch || state.deactivatedAt() != null) {
            return false;
        }
        change(userId, accountChange::applyTo);
        return true;
    }

    @Override
    public synchronized boolean grant(long userId, Role role) {
        if (stateOf(userId).roles().contains(role)) {
            return false;
        }
        change(userId, s -> s.withRole(role));
        return true;
    }

    @Override
    public synchronized boolean revoke(long userId, Role role) {
        if (!stateOf(userId).roles().contains(role)) {
            return false;
        }
        change(userId, s -> s.withoutRole(role));
        return true;
    }

    private synchronized void change(long userId, UnaryOperator<AccountState> change) {
        byUser.put(userId, change.apply(stateOf(userId)));
    }

    @Override
    public synchronized void erase(long userId) {
        byUser.remove(userId);
    }
}
