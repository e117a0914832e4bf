package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import java.util.List;

/** A new set of recovery codes, after the password and a current code; the old set stops working. */
public interface RenewRecoveryCodesUseCase {

    List<String> renew(Command command);

    /** @param code an authenticator code or a recovery code */
    record Command(Caller caller, String password, String code, String clientAddress) {
        @Override
        public String toString() {
            return "RenewRecoveryCodes[" + caller + "]";
        }
    }
}
