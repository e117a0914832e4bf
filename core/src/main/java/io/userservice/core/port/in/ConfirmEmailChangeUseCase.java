package io.userservice.core.port.in;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.User;
import java.util.Objects;

/**
 * Uses the code mailed to a new address: the account takes that address, pending password-reset
 * codes (mailed to the old one) stop working, and the old address is sent a notice. A code works
 * once and expires.
 */
public interface ConfirmEmailChangeUseCase {

    /**
     * @throws io.userservice.core.domain.InvalidCodeException        when the code is unknown, used,
     *                                                                expired, or another user's
     * @throws io.userservice.core.domain.EmailAlreadyTakenException  when someone took the address meanwhile
     */
    User confirm(Command command);

    /**
     * @param userId the signed-in user who must own the code, or null on the page behind the mail's
     *               link, where the code alone speaks for the request
     */
    record Command(Long userId, String code, ClientAddress clientAddress) {

        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
        }
        @Override
        public String toString() {
            return "ConfirmEmailChange[user=" + userId + ", ***]";
        }
    }
}
