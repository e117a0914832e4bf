package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.SessionClient;
import io.userservice.core.domain.TokenPair;
import io.userservice.core.domain.User;
import java.util.Objects;

/**
 * A signed-in user replaces their password, knowing the current one. Every other session and every
 * access token issued before stops working; the returned pair starts the one session left. A
 * wrong current password is throttled as a failed sign-in. The user is sent a notice. A token
 * minted on the user's behalf by someone else cannot do it.
 */
public interface ChangePasswordUseCase {

    /**
     * @throws io.userservice.core.domain.InvalidCredentialsException when the current password is
     *                                                                 wrong, or a reset,
     *                                                                 deactivation or role change
     *                                                                 raced this change and won
     * @throws io.userservice.core.domain.InvalidInputException        when the new password breaks the policy
     * @throws io.userservice.core.domain.AccessDeniedException        for an impersonation token
     */
    Result change(Command command);

    record Command(Caller caller, String currentPassword, String newPassword, SessionClient client) {
        public Command {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(client, "client");
        }

        @Override
        public String toString() {
            return "ChangePassword[caller=" + caller + ", ***]";
        }
    }

    record Result(User user, TokenPair tokens) {
        @Override
        public String toString() {
            return "ChangePassword.Result[" + user + "]";
        }
    }
}
