package io.userservice.core.port.in;

import io.userservice.core.domain.PersonName;
import io.userservice.core.domain.UserProfile;

/** Sets both names of a user; an absent name becomes {@code null}. */
public interface UpdateNameUseCase {

    UserProfile updateName(Command command);

    record Command(long userId, String firstname, String lastname) {
        public Command {
            firstname = PersonName.check("firstname", firstname);
            lastname = PersonName.check("lastname", lastname);
        }
    }
}
