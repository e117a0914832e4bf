package io.userservice.core.port.in;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.User;
import java.util.Objects;

/**
 * Sets a new password with a reset code. Also confirms the email (the code proves the user
 * reads it) and revokes every refresh token of the user.
 */
public interface CompletePasswordResetUseCase {

    User complete(Command command);

    /**
     * @param clientAddress the caller's client address, or {@link ClientAddress#unknown()} when there is none
     *                      (embedded use); per-address limits apply only when it is known
     */
    record Command(String code, String password, ClientAddress clientAddress) {
        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
            code = ConfirmEmailUseCase.Codes.require(code);
        }

        @Override
        public String toString() {
            return "CompletePasswordReset[***]";
        }
    }
}
