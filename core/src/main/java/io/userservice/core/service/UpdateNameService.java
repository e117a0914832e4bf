package io.userservice.core.service;

import io.userservice.core.domain.UserProfile;
import io.userservice.core.port.in.UpdateNameUseCase;
import io.userservice.core.domain.User;
import io.userservice.core.port.out.DirectoryCapability;
import java.time.Clock;

final class UpdateNameService implements UpdateNameUseCase {

    private final Users users;
    private final Profiles profiles;
    private final Clock clock;

    UpdateNameService(Users users, Profiles profiles, Clock clock) {
        this.users = users;
        this.profiles = profiles;
        this.clock = clock;
    }

    @Override
    public UserProfile updateName(Command command) {
        User user = profiles.user(command.userId());
        users.require(DirectoryCapability.UPDATE_NAMES, "name");
        users.directory().updateNames(user.directoryKey(), command.firstname(), command.lastname(), clock.instant());
        return profiles.profile(command.userId());
    }
}
