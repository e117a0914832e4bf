package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import java.util.List;
import java.util.Objects;

/**
 * Turns two-factor authentication on with a current code of the pending authenticator, and hands
 * out the recovery codes, which are shown this once.
 */
public interface ConfirmTotpUseCase {

    /** The new recovery codes. */
    List<String> confirm(Command command);

    record Command(Caller caller, String code, ClientAddress clientAddress) {

        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
        }
        @Override
        public String toString() {
            return "ConfirmTotp[" + caller + "]";
        }
    }
}
