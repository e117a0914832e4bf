package io.userservice.core.service;

import io.userservice.core.domain.UserProfile;
import io.userservice.core.port.in.UpdateNameUseCase;
import io.userservice.core.port.out.SaveUserPort;
import java.time.Clock;

final class UpdateNameService implements UpdateNameUseCase {

    private final SaveUserPort saveUsers;
    private final Profiles profiles;
    private final Clock clock;

    UpdateNameService(SaveUserPort saveUsers, Profiles profiles, Clock clock) {
        this.saveUsers = saveUsers;
        this.profiles = profiles;
        this.clock = clock;
    }

    @Override
    public UserProfile updateName(Command command) {
        profiles.user(command.userId());
        saveUsers.updateNames(command.userId(), command.firstname(), command.lastname(), clock.instant());
        return profiles.profile(command.userId());
    }
}
