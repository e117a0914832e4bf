package io.userservice.core.service;

import io.userservice.core.domain.Email;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.User;
import io.userservice.core.port.out.LoadUserPort;
import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.port.out.SaveUserPort;
import java.time.Clock;
import java.util.Optional;

/**
 * Checks an email and password, for every way of signing in. An unknown email costs the same
 * bcrypt verification as a wrong password (against a dummy hash made at the configured cost), so
 * neither the answer nor its timing tells them apart. A hash made at a lower cost than the
 * configured one is upgraded.
 */
final class Credentials {

    private final LoadUserPort loadUsers;
    private final SaveUserPort saveUsers;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final CoreSettings settings;
    private final String dummyHash;

    Credentials(LoadUserPort loadUsers, SaveUserPort saveUsers, PasswordHasher hasher, Clock clock,
                CoreSettings settings, String dummyHash) {
        this.loadUsers = loadUsers;
        this.saveUsers = saveUsers;
        this.hasher = hasher;
        this.clock = clock;
        this.settings = settings;
        this.dummyHash = dummyHash;
    }

    /** The confirmed user with this email and password. */
    User verify(String email, String password) {
        if (!settings.passwordPolicy().isVerifiable(password)) {
            throw new InvalidCredentialsException();
        }
        Optional<User> found = Email.parse(email).flatMap(loadUsers::findByEmail);
        if (found.isEmpty()) {
            hasher.verify(password, dummyHash);
            throw new InvalidCredentialsException();
        }
        User user = found.get();
        if (!hasher.verify(password, user.passwordHash())) {
            throw new InvalidCredentialsException();
        }
        user.ensureMaySignIn();
        if (hasher.needsRehash(user.passwordHash())) {
            String upgraded = hasher.hash(password);
            if (saveUsers.upgradePasswordHash(user.id(), user.passwordHash(), upgraded, clock.instant())) {
                user = user.withUpgradedHash(upgraded, clock.instant());
            }
        }
        return user;
    }

}
