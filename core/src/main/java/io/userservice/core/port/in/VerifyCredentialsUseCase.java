package io.userservice.core.port.in;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.User;
import java.util.Objects;

/**
 * Checks an email and password without starting a session (the Nexudus API's {@code validate} and Basic
 * authentication). Fails exactly as {@link LogInUseCase} does, in answer and in time.
 */
public interface VerifyCredentialsUseCase {

    /**
     * @throws io.userservice.core.domain.InvalidCredentialsException for a wrong password or unknown email
     * @throws io.userservice.core.domain.EmailNotConfirmedException  for a right password of an unconfirmed user
     * @throws io.userservice.core.domain.TooManyRequestsException    while failures are throttled
     */
    User verify(Command command);

    /**
     * @param clientAddress the caller's client address, or {@link ClientAddress#unknown()} when there is none
     *                      (embedded use); per-address limits apply only when it is known
     */
    record Command(String email, String password, ClientAddress clientAddress) {

        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
        }
        @Override
        public String toString() {
            return "VerifyCredentials[***]";
        }
    }
}
