package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import java.util.Objects;

/**
 * Erases a person: their directory entry (email, names, hash), attributes, roles, sessions, codes
 * and the mails waiting for them. Every token stops working at once. The audit trail keeps its
 * events, under the numeric id only, and the id is never given to another account. A user deletes
 * themself with their password (throttled as a sign-in); an administrator with their own
 * credential deletes anyone but themself without one.
 */
public interface DeleteAccountUseCase {

    /**
     * @throws io.userservice.core.domain.InvalidCredentialsException when the user's password is wrong
     * @throws io.userservice.core.domain.AccessDeniedException        for an impersonation token, or a
     *                                                                 caller who may not delete the user
     * @throws io.userservice.core.domain.NotFoundException            when there is no such user
     */
    void delete(Command command);

    /** @param password the user's password; required when they delete themself, ignored for an administrator */
    record Command(Caller caller, long userId, String password, ClientAddress clientAddress) {
        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
            Objects.requireNonNull(caller, "caller");
        }

        @Override
        public String toString() {
            return "DeleteAccount[caller=" + caller + ", user=" + userId + "]";
        }
    }
}
