package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.User;
import java.util.Objects;

/**
 * Deactivates a user or makes them active again. Only a caller holding {@code admin} (by the
 * stored roles) with their own credential may do it, and not to themselves. A deactivated user cannot sign in, refresh or use
 * any token: their refresh tokens are revoked and every access token issued before stops working,
 * also after a later reactivation. Every attempt is audited.
 */
public interface DeactivateUserUseCase {

    /**
     * @throws io.userservice.core.domain.AccessDeniedException when the caller is not an admin
     * @throws io.userservice.core.domain.NotFoundException      when the target user does not exist
     */
    User setActive(Command command);

    /**
     * @param caller        the authenticated caller, or the operator at the command line
     * @param targetUserId  the user to change
     * @param active        false deactivates, true reactivates
     * @param clientAddress for the audit trail
     */
    record Command(Caller caller, long targetUserId, boolean active, ClientAddress clientAddress) {
        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
            java.util.Objects.requireNonNull(caller, "caller");
        }
    }
}
