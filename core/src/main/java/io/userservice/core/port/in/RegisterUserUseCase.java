package io.userservice.core.port.in;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.Language;
import io.userservice.core.domain.PersonName;
import io.userservice.core.domain.User;
import java.util.Objects;

/** Creates a user; depending on configuration the user is confirmed at once or receives a code. */
public interface RegisterUserUseCase {

    User register(Command command);

    /**
     * Validated on construction; the password is checked against the configured policy later.
     *
     * @param clientAddress the caller's client address, or {@link ClientAddress#unknown()} when there is none
     *                      (embedded use); per-address limits apply only when it is known
     */
    record Command(Email email, String password, String firstname, String lastname, String language,
                   ClientAddress clientAddress) {

        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
            if (email == null) {
                throw new IllegalArgumentException("email is required");
            }
            firstname = PersonName.check("firstname", firstname);
            lastname = PersonName.check("lastname", lastname);
            language = Language.of(language);
        }

        public static Command of(String email, String password, String firstname, String lastname,
                                 String language, ClientAddress clientAddress) {
            return new Command(Email.of(email), password, firstname, lastname, language, clientAddress);
        }

        @Override
        public String toString() {
            return "Register[" + email + "]";
        }
    }
}
