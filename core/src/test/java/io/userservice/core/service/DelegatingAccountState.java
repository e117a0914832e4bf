package io.userservice.core.service;

import io.userservice.core.domain.AccountChange;
import io.userservice.core.domain.AccountState;
import io.userservice.core.domain.Role;
import io.userservice.core.port.out.AccountStatePort;

/** Account state in front of another: every call goes to {@link #delegate}, so a test overrides only what it races or slows. */
class DelegatingAccountState implements AccountStatePort {

    protected final AccountStatePort delegate;

    DelegatingAccountState(AccountStatePort delegate) {
        this.delegate = delegate;
    }

    @Override
    public AccountState stateOf(long userId) {
        return delegate.stateOf(userId);
    }

    @Override
    public void apply(long userId, AccountChange change) {
        delegate.apply(userId, change);
    }

    @Override
    public boolean applyIfEpoch(long userId, long expectedEpoch, AccountChange change) {
        return delegate.applyIfEpoch(userId, expectedEpoch, change);
    }

    @Override
    public boolean grant(long userId, Role role) {
        return delegate.grant(userId, role);
    }

    @Override
    public boolean revoke(long userId, Role role) {
        return delegate.revoke(userId, role);
    }

    @Override
    public void erase(long userId) {
        delegate.erase(userId);
    }
}
