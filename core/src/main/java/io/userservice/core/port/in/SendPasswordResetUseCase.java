package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;

/** An administrator has the password-reset mail sent to a user; audited with the actor. */
public interface SendPasswordResetUseCase {

    /**
     * @throws io.userservice.core.domain.AccessDeniedException      when the caller is not an admin
     * @throws io.userservice.core.domain.NotFoundException          when there is no such user
     * @throws io.userservice.core.domain.ManagedByDirectoryException when the directory resets passwords itself
     */
    void send(Caller caller, long userId, ClientAddress clientAddress);
}
