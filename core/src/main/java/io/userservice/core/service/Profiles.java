package io.userservice.core.service;

import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.User;
import io.userservice.core.domain.UserProfile;
import io.userservice.core.port.out.UserAttributesPort;

/** Loads users on behalf of an authenticated caller; a vanished user means a stale token. */
final class Profiles {

    private final Users users;
    private final UserAttributesPort attributes;

    Profiles(Users users, UserAttributesPort attributes) {
        this.users = users;
        this.attributes = attributes;
    }

    User user(long userId) {
        return users.byId(userId)
                .orElseThrow(() -> new InvalidTokenException("The user of this token no longer exists."));
    }

    UserProfile profile(long userId) {
        User user = user(userId);
        return new UserProfile(user, attributes.attributesOf(userId));
    }
}
