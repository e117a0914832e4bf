package io.userservice.core.port.in;

import io.userservice.core.domain.ClientAddress;
import java.util.Objects;

/** Whether an email belongs to a user, compared in canonical form. */
public interface UserExistsUseCase {

    /**
     * False also for text that is not an email address.
     *
     * @throws io.userservice.core.domain.TooManyRequestsException when the address asked too often
     */
    boolean exists(Command command);

    /**
     * @param clientAddress the caller's client address, or {@link ClientAddress#unknown()} when there is none
     *                      (embedded use); per-address limits apply only when it is known
     */
    record Command(String email, ClientAddress clientAddress) {

        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
        }
    }
}
