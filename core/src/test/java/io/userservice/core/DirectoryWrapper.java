package io.userservice.core;

import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.port.out.UserDirectory;
import java.util.Optional;
import java.util.Set;

/**
 * A test directory in front of another: the methods every directory implements go to
 * {@link #users}, and the rest keep {@link UserDirectory}'s defaults unless a subclass overrides
 * them, so a test changes only the behaviour it is about.
 */
public abstract class DirectoryWrapper implements UserDirectory {

    protected final UserDirectory users;

    protected DirectoryWrapper(UserDirectory users) {
        this.users = users;
    }

    @Override
    public String name() {
        return users.name();
    }

    @Override
    public Set<DirectoryCapability> capabilities() {
        return users.capabilities();
    }

    @Override
    public boolean assignsIds() {
        return users.assignsIds();
    }

    @Override
    public Optional<DirectoryUser> findByKey(String key) {
        return users.findByKey(key);
    }

    @Override
    public Optional<DirectoryUser> findByEmail(Email email) {
        return users.findByEmail(email);
    }

    @Override
    public boolean checkPassword(DirectoryUser user, String password) {
        return users.checkPassword(user, password);
    }

    @Override
    public void checkNoOnesPassword(String password) {
        users.checkNoOnesPassword(password);
    }
}
