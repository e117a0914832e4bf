package io.userservice.core.port.in;

import io.userservice.core.domain.ClientAddress;
import java.util.Objects;

/**
 * Sends a password reset code to the email, if it belongs to a user. Behaves the same whether
 * or not it does, so it cannot be used to find out who is registered.
 */
public interface RequestPasswordResetUseCase {

    void request(Command command);

    /**
     * @param clientAddress the caller's client address, or {@link ClientAddress#unknown()} when there is none
     *                      (embedded use); per-address limits apply only when it is known
     */
    record Command(String email, ClientAddress clientAddress) {

        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
        }

        @Override
        public String toString() {
            return "RequestPasswordReset[***]";
        }
    }
}
