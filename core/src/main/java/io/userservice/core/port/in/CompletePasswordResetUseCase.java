package io.userservice.core.port.in;

import io.userservice.core.domain.User;

/**
 * Sets a new password with a reset code. Also confirms the email (the code proves the user
 * reads it) and revokes every refresh token of the user.
 */
public interface CompletePasswordResetUseCase {

    User complete(Command command);

    record Command(String code, String password) {
        public Command {
            code = ConfirmEmailUseCase.Codes.require(code);
        }

        @Override
        public String toString() {
            return "CompletePasswordReset[***]";
        }
    }
}
