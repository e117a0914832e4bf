package io.userservice.core.port.in;

import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;

/**
 * Grants or revokes a role. Only a caller holding {@code admin} (by the stored roles) may do it,
 * and an administrator cannot revoke their own {@code admin} role, so the last one cannot lock
 * everybody out by mistake. Every change is audited.
 */
public interface ChangeRoleUseCase {

    /**
     * @throws io.userservice.core.domain.AccessDeniedException when the caller is not an admin
     * @throws io.userservice.core.domain.NotFoundException      when the target user does not exist
     */
    User change(Command command);

    /** {@code callerId} null means the operator at the command line, who is always allowed. */
    record Command(Long callerId, long targetUserId, Role role, boolean grant, String clientAddress) {
        public Command {
            if (role == null) {
                throw new IllegalArgumentException("role is required");
            }
        }
    }
}
