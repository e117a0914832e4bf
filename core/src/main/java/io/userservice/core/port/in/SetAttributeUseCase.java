package io.userservice.core.port.in;

import io.userservice.core.domain.Attributes;
import io.userservice.core.domain.UserProfile;

/** Creates an attribute of the user, or replaces the value of the one with the same key. */
public interface SetAttributeUseCase {

    UserProfile set(Command command);

    record Command(long userId, String key, String value) {
        public Command {
            key = Attributes.checkKey(key);
            value = Attributes.checkValue(value);
        }
    }
}
