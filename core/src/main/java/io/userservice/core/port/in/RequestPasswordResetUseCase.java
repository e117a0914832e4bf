package io.userservice.core.port.in;

/**
 * Sends a password reset code to the email, if it belongs to a user. Behaves the same whether
 * or not it does, so it cannot be used to find out who is registered.
 */
public interface RequestPasswordResetUseCase {

    void request(Command command);

    record Command(String email) {
        @Override
        public String toString() {
            return "RequestPasswordReset[***]";
        }
    }
}
