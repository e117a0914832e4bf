package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import java.util.Objects;

/**
 * A signed-in user asks to move their account to a new email address, knowing their password. A
 * code is mailed to the new address; nothing changes until it is used
 * ({@link ConfirmEmailChangeUseCase}), and until then the old address signs in. A wrong password
 * is throttled as a failed sign-in. A token minted on the user's behalf cannot do it.
 */
public interface ChangeEmailUseCase {

    /**
     * @throws io.userservice.core.domain.InvalidCredentialsException when the password is wrong
     * @throws io.userservice.core.domain.EmailAlreadyTakenException  when another user has the address
     * @throws io.userservice.core.domain.InvalidInputException       when the address is not one
     */
    void request(Command command);

    record Command(Caller caller, String newEmail, String password, ClientAddress clientAddress) {
        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
            Objects.requireNonNull(caller, "caller");
        }

        @Override
        public String toString() {
            return "ChangeEmail[caller=" + caller + ", ***]";
        }
    }
}
