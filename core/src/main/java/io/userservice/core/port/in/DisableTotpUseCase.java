package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import java.util.Objects;

/**
 * Turns two-factor authentication off: the password and a current authenticator or recovery code
 * are needed. The authenticator and every recovery code are removed.
 */
public interface DisableTotpUseCase {

    void disable(Command command);

    /** @param code an authenticator code or a recovery code */
    record Command(Caller caller, String password, String code, ClientAddress clientAddress) {

        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
        }
        @Override
        public String toString() {
            return "DisableTotp[" + caller + "]";
        }
    }
}
