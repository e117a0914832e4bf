package io.userservice.core.port.in;

import io.userservice.core.domain.User;

/**
 * Sets a new password with a reset code. Also confirms the email (the code proves the user
 * reads it) and revokes every refresh token of the user.
 */
public interface CompletePasswordResetUseCase {

    User complete(Command command);

    /** @param clientAddress the caller's client address, or null when there is none (embedded use); per-address limits apply only when it is known */
    record Command(String code, String password, String clientAddress) {
        public Command {
            code = ConfirmEmailUseCase.Codes.require(code);
        }

        /** A reset without a client address. */
        public Command(String code, String password) {
            this(code, password, null);
        }

        @Override
        public String toString() {
            return "CompletePasswordReset[***]";
        }
    }
}
