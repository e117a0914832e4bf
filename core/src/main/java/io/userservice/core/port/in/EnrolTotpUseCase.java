package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import java.util.Objects;

/**
 * Starts adding an authenticator app: after the password, a new shared secret, pending until a
 * code from the app confirms it ({@link ConfirmTotpUseCase}). Refused while one is already on.
 */
public interface EnrolTotpUseCase {

    Enrolment enrol(Command command);

    record Command(Caller caller, String password, ClientAddress clientAddress) {

        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
        }
        @Override
        public String toString() {
            return "EnrolTotp[" + caller + "]";
        }
    }

    /**
     * @param secret      the base32 secret (RFC 4648, no padding) to type into the app
     * @param accountName the user's email, the label authenticator apps show
     */
    record Enrolment(String secret, String accountName) {
        @Override
        public String toString() {
            return "Enrolment[***]";
        }
    }
}
