package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import java.util.Objects;

/**
 * Grants or revokes a role. Only a caller holding {@code admin} (by the stored roles) with their own
 * credential may do it (never through a token minted on their behalf), and an administrator cannot
 * revoke their own {@code admin} role, so the last one cannot lock everybody out by mistake. A
 * revoked role stops working at once in this service: the user's credential epoch is raised. Every
 * change is audited.
 */
public interface ChangeRoleUseCase {

    /**
     * @throws io.userservice.core.domain.AccessDeniedException when the caller is not an admin
     * @throws io.userservice.core.domain.NotFoundException      when the target user does not exist
     */
    User change(Command command);

    /** The {@link Caller#operator() operator} at the command line is always allowed. */
    record Command(Caller caller, long targetUserId, Role role, boolean grant, ClientAddress clientAddress) {
        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
            if (caller == null || role == null) {
                throw new IllegalArgumentException("caller and role are required");
            }
        }
    }
}
