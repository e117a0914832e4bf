package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import java.util.List;
import java.util.Objects;

/** A new set of recovery codes, after the password and a current code; the old set stops working. */
public interface RenewRecoveryCodesUseCase {

    List<String> renew(Command command);

    /** @param code an authenticator code or a recovery code */
    record Command(Caller caller, String password, String code, ClientAddress clientAddress) {

        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
        }
        @Override
        public String toString() {
            return "RenewRecoveryCodes[" + caller + "]";
        }
    }
}
