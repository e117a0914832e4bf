package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.User;
import java.util.Objects;

/**
 * An administrator corrects a user's names, language, confirmation or email. Only the fields given
 * change. An email set this way counts at once (the administrator vouches for it): the reset codes
 * mailed to the old address stop working. Nothing here touches roles or deactivation, which have
 * their own rules; an administrator's own email changes only through the owner's way, with the
 * password and a code. Audited with the actor.
 */
public interface UpdateUserUseCase {

    /**
     * @throws io.userservice.core.domain.AccessDeniedException     when the caller is not an admin
     * @throws io.userservice.core.domain.NotFoundException         when there is no such user
     * @throws io.userservice.core.domain.InvalidInputException     for a value breaking its rule
     * @throws io.userservice.core.domain.EmailAlreadyTakenException when another user has the email
     */
    User update(Command command);

    /**
     * The fields to change, each null when it stays. {@code firstnameGiven} and
     * {@code lastnameGiven} tell an absent name from one set to null (cleared).
     */
    record Patch(String firstname, boolean firstnameGiven, String lastname, boolean lastnameGiven, String language,
                 Boolean confirmed, String email) {

        public boolean isEmpty() {
            return !firstnameGiven && !lastnameGiven && language == null && confirmed == null && email == null;
        }
    }

    record Command(Caller caller, long userId, Patch patch, ClientAddress clientAddress) {
        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(patch, "patch");
        }
    }
}
