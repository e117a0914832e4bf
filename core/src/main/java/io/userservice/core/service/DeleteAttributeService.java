package io.userservice.core.service;

import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.UserProfile;
import io.userservice.core.port.in.DeleteAttributeUseCase;
import io.userservice.core.port.out.UserAttributesPort;

final class DeleteAttributeService implements DeleteAttributeUseCase {

    private final UserAttributesPort attributes;
    private final Profiles profiles;

    DeleteAttributeService(UserAttributesPort attributes, Profiles profiles) {
        this.attributes = attributes;
        this.profiles = profiles;
    }

    @Override
    public UserProfile delete(Command command) {
        profiles.user(command.userId());
        if (!attributes.remove(command.userId(), command.key())) {
            throw new NotFoundException("attribute_not_found", "The user has no attribute with this key.");
        }
        return profiles.profile(command.userId());
    }
}
