package io.userservice.core.service;

import io.userservice.core.domain.UserProfile;
import io.userservice.core.port.in.GetProfileUseCase;

final class GetProfileService implements GetProfileUseCase {

    private final Profiles profiles;

    GetProfileService(Profiles profiles) {
        this.profiles = profiles;
    }

    @Override
    public UserProfile profile(long userId) {
        return profiles.profile(userId);
    }
}
