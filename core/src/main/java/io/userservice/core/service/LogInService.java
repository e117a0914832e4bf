package io.userservice.core.service;

import io.userservice.core.domain.Email;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.out.LoadUserPort;
import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.port.out.SaveUserPort;
import java.time.Clock;
import java.util.Optional;

/**
 * Sign-in. An unknown email costs the same bcrypt verification as a wrong password (against a
 * dummy hash made at the configured cost), so neither the answer nor its timing tells them apart.
 */
final class LogInService implements LogInUseCase {

    private final LoadUserPort loadUsers;
    private final SaveUserPort saveUsers;
    private final PasswordHasher hasher;
    private final TokenIssuance tokens;
    private final Clock clock;
    private final CoreSettings settings;
    private final String dummyHash;

    LogInService(LoadUserPort loadUsers, SaveUserPort saveUsers, PasswordHasher hasher, TokenIssuance tokens,
                 Clock clock, CoreSettings settings, String dummyHash) {
        this.loadUsers = loadUsers;
        this.saveUsers = saveUsers;
        this.hasher = hasher;
        this.tokens = tokens;
        this.clock = clock;
        this.settings = settings;
        this.dummyHash = dummyHash;
    }

    @Override
    public Result logIn(Command command) {
        String password = command.password();
        if (!settings.passwordPolicy().isVerifiable(password)) {
            throw new InvalidCredentialsException();
        }
        Optional<User> found = parse(command.email()).flatMap(loadUsers::findByEmail);
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
                user = user.withPasswordHash(upgraded, clock.instant());
            }
        }
        return new Result(user, tokens.forNewSession(user));
    }

    private static Optional<Email> parse(String email) {
        try {
            return Optional.of(Email.of(email));
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }
}
