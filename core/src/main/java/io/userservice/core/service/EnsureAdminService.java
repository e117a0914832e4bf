package io.userservice.core.service;

import io.userservice.core.domain.EmailAlreadyTakenException;
import io.userservice.core.domain.Language;
import io.userservice.core.domain.NewDirectoryUser;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.EnsureAdminUseCase;
import io.userservice.core.port.out.AccountStatePort;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.settings.CoreSettings;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

final class EnsureAdminService implements EnsureAdminUseCase {

    private final Users users;
    private final AccountStatePort accounts;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final CoreSettings settings;

    EnsureAdminService(Users users, AccountStatePort accounts, PasswordHasher hasher, Clock clock,
                       CoreSettings settings) {
        this.users = users;
        this.accounts = accounts;
        this.hasher = hasher;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * An existing user is left as they are. A directory that cannot register has to hold the
     * user already: then grant them {@code admin} from the command line instead.
     */
    @Override
    public User ensure(Command command) {
        Optional<User> existing = users.byEmail(command.email());
        if (existing.isPresent()) {
            return existing.get();
        }
        users.require(DirectoryCapability.REGISTER, "administrator");
        settings.passwordPolicy().check(command.password());
        User created;
        try {
            created = users.withState(users.directory().register(new NewDirectoryUser(UUID.randomUUID(),
                    command.email(), hasher.hash(command.password()), null, null, Language.DEFAULT, true,
                    clock.instant())));
        } catch (EmailAlreadyTakenException createdConcurrently) {
            return users.byEmail(command.email()).orElseThrow();
        }
        accounts.grant(created.id(), Role.ADMIN);
        return users.byId(created.id()).orElseThrow();
    }
}
