package io.userservice.core.service;

import io.userservice.core.domain.Email;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.LookUpUserUseCase;
import java.util.Optional;

final class LookUpUserService implements LookUpUserUseCase {

    private final Users users;

    LookUpUserService(Users users) {
        this.users = users;
    }

    @Override
    public Optional<User> byEmail(String email) {
        return Email.parse(email).flatMap(users::byEmail);
    }
}
