package io.userservice.core.port.in;

import io.userservice.core.domain.Attributes;
import io.userservice.core.domain.UserProfile;

/** Removes an attribute of the user. */
public interface DeleteAttributeUseCase {

    /** @throws io.userservice.core.domain.NotFoundException when the user has no such attribute */
    UserProfile delete(Command command);

    record Command(long userId, String key) {
        public Command {
            key = Attributes.checkKey(key);
        }
    }
}
