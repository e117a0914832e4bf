package io.userservice.core.service;

import io.userservice.core.domain.User;
import io.userservice.core.port.in.GetUserUseCase;

final class GetUserService implements GetUserUseCase {

    private final Profiles profiles;

    GetUserService(Profiles profiles) {
        this.profiles = profiles;
    }

    @Override
    public User get(long userId) {
        return profiles.user(userId);
    }
}
