package io.userservice.core.port.in;

import io.userservice.core.domain.ClientAddress;
import java.util.Objects;

/** Revokes the refresh token and its whole family. Unknown tokens are ignored. */
public interface LogOutUseCase {

    void logOut(Command command);

    /** @param clientAddress for the audit trail, or {@link ClientAddress#unknown()} */
    record Command(String refreshToken, ClientAddress clientAddress) {

        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
        }

        @Override
        public String toString() {
            return "LogOut[***]";
        }
    }
}
