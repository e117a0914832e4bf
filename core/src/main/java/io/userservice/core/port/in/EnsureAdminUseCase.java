package io.userservice.core.port.in;

import io.userservice.core.domain.Email;
import io.userservice.core.domain.User;

/**
 * Makes sure an administrator exists, for the first start of a fresh installation: creates a
 * confirmed user with role {@code admin} unless a user with that email already exists, in which
 * case nothing is changed.
 */
public interface EnsureAdminUseCase {

    /** The created or the already existing user. */
    User ensure(Command command);

    record Command(Email email, String password) {
        public Command {
            if (email == null) {
                throw new IllegalArgumentException("email is required");
            }
        }

        @Override
        public String toString() {
            return "EnsureAdmin[" + email + "]";
        }
    }
}
