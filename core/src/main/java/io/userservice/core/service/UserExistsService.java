package io.userservice.core.service;

import io.userservice.core.domain.Email;
import io.userservice.core.port.in.UserExistsUseCase;

/** Throttled per address, since its answer is the one thing an enumeration attack wants. */
final class UserExistsService implements UserExistsUseCase {

    private final Users users;
    private final Throttling throttling;

    UserExistsService(Users users, Throttling throttling) {
        this.users = users;
        this.throttling = throttling;
    }

    @Override
    public boolean exists(Command command) {
        throttling.existsCheck(command.clientAddress());
        return Email.parse(command.email()).flatMap(users.directory()::findByEmail).isPresent();
    }
}
