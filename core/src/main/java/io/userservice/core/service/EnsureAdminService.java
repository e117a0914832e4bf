package io.userservice.core.service;

import io.userservice.core.domain.EmailAlreadyTakenException;
import io.userservice.core.domain.Language;
import io.userservice.core.domain.NewUser;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.EnsureAdminUseCase;
import io.userservice.core.port.out.LoadUserPort;
import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.port.out.SaveUserPort;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

final class EnsureAdminService implements EnsureAdminUseCase {

    private final LoadUserPort loadUsers;
    private final SaveUserPort saveUsers;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final CoreSettings settings;

    EnsureAdminService(LoadUserPort loadUsers, SaveUserPort saveUsers, PasswordHasher hasher, Clock clock,
                       CoreSettings settings) {
        this.loadUsers = loadUsers;
        this.saveUsers = saveUsers;
        this.hasher = hasher;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public User ensure(Command command) {
        Optional<User> existing = loadUsers.findByEmail(command.email());
        if (existing.isPresent()) {
            return existing.get();
        }
        settings.passwordPolicy().check(command.password());
        try {
            return saveUsers.create(new NewUser(UUID.randomUUID(), command.email(), hasher.hash(command.password()),
                    null, null, Language.DEFAULT, 0, Set.of(Role.ADMIN), true, clock.instant()));
        } catch (EmailAlreadyTakenException createdConcurrently) {
            return loadUsers.findByEmail(command.email()).orElseThrow();
        }
    }
}
