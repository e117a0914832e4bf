package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import java.util.Objects;

/**
 * Ends one session of a user, or all of them. Ending all signs the user out everywhere: every
 * refresh token, portal session and access token stops working. A user ends their own; an
 * administrator with their own credential anyone's. Audited with the actor.
 */
public interface EndSessionsUseCase {

    /**
     * @throws io.userservice.core.domain.NotFoundException     when the session is not a live one of this user
     * @throws io.userservice.core.domain.AccessDeniedException when the caller may not end it
     */
    void end(Command command);

    /** @param sessionId the session to end, or null for every session of the user */
    record Command(Caller caller, long userId, String sessionId, ClientAddress clientAddress) {
        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
            Objects.requireNonNull(caller, "caller");
        }
    }
}
