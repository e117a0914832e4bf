package io.userservice.core.port.in;

/**
 * Sends a password reset code to the email, if it belongs to a user. Behaves the same whether
 * or not it does, so it cannot be used to find out who is registered.
 */
public interface RequestPasswordResetUseCase {

    void request(Command command);

    /** @param clientAddress the caller's client address, or null when there is none (embedded use); per-address limits apply only when it is known */
    record Command(String email, String clientAddress) {

        /** A request without a client address. */
        public Command(String email) {
            this(email, null);
        }

        @Override
        public String toString() {
            return "RequestPasswordReset[***]";
        }
    }
}
