package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import java.util.List;

/**
 * Turns two-factor authentication on with a current code of the pending authenticator, and hands
 * out the recovery codes, which are shown this once.
 */
public interface ConfirmTotpUseCase {

    /** The new recovery codes. */
    List<String> confirm(Command command);

    record Command(Caller caller, String code, String clientAddress) {
        @Override
        public String toString() {
            return "ConfirmTotp[" + caller + "]";
        }
    }
}
