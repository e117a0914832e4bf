package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import java.util.Objects;

/**
 * An administrator turns a user's two-factor authentication off (the user lost their device and
 * their recovery codes); audited, and the user is mailed a notice.
 */
public interface ResetMfaUseCase {

    void reset(Command command);

    record Command(Caller caller, long userId, ClientAddress clientAddress) {

        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
        }
    }
}
