package io.userservice.core.memory;

import io.userservice.core.domain.Email;
import io.userservice.core.domain.EmailAlreadyTakenException;
import io.userservice.core.domain.NewUser;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.port.out.LoadUserPort;
import io.userservice.core.port.out.SaveUserPort;
import io.userservice.core.port.out.UserRolesPort;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Users kept in memory; thread-safe. For embedding without a database and for tests. */
public final class InMemoryUserStore implements LoadUserPort, SaveUserPort, UserRolesPort {

    private final Map<Long, User> byId = new HashMap<>();
    private final Map<Email, Long> idByEmail = new HashMap<>();
    private long lastId;

    @Override
    public synchronized Optional<User> findById(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<User> findByEmail(Email email) {
        return Optional.ofNullable(idByEmail.get(email)).map(byId::get);
    }

    @Override
    public synchronized User create(NewUser user) {
        if (idByEmail.containsKey(user.email())) {
            throw new EmailAlreadyTakenException();
        }
        User stored = user.withId(++lastId);
        byId.put(stored.id(), stored);
        idByEmail.put(stored.email(), stored.id());
        return stored;
    }

    @Override
    public boolean updateNames(long userId, String firstname, String lastname, Instant at) {
        return change(userId, u -> new User(u.id(), u.uniqueId(), u.email(), u.passwordHash(), firstname, lastname,
                u.language(), u.permissionLevel(), u.roles(), u.confirmed(), u.createdAt(), at, u.validAfter(),
                u.deactivatedAt(), u.credentialEpoch()));
    }

    @Override
    public boolean markConfirmed(long userId, Instant at) {
        return change(userId, u -> u.confirmed() ? u : u.confirmedAt(at));
    }

    @Override
    public boolean updatePasswordHash(long userId, String newHash, Instant at) {
        return change(userId, u -> u.withPasswordHash(newHash, at));
    }

    @Override
    public synchronized boolean upgradePasswordHash(long userId, String expectedHash, String newHash, Instant at) {
        User user = byId.get(userId);
        if (user == null || !user.passwordHash().equals(expectedHash)) {
            return false;
        }
        byId.put(userId, user.withUpgradedHash(newHash, at));
        return true;
    }

    @Override
    public boolean deactivate(long userId, Instant at) {
        return change(userId, u -> u.deactivatedAt(at));
    }

    @Override
    public boolean reactivate(long userId, Instant at) {
        return change(userId, u -> u.reactivatedAt(at));
    }

    @Override
    public synchronized boolean grant(long userId, Role role) {
        User user = byId.get(userId);
        if (user == null || user.roles().contains(role)) {
            return false;
        }
        byId.put(userId, user.withRoleGranted(role));
        return true;
    }

    @Override
    public synchronized boolean revoke(long userId, Role role) {
        User user = byId.get(userId);
        if (user == null || !user.roles().contains(role)) {
            return false;
        }
        byId.put(userId, user.withRoleRevoked(role));
        return true;
    }

    private synchronized boolean change(long userId, UnaryOperator<User> change) {
        User user = byId.get(userId);
        if (user == null) {
            return false;
        }
        byId.put(userId, change.apply(user));
        return true;
    }
}
