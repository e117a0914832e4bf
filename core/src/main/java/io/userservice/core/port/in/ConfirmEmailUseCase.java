package io.userservice.core.port.in;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.User;
import java.util.Objects;

/** Confirms a user's email with the code that was sent to it. */
public interface ConfirmEmailUseCase {

    User confirm(Command command);

    /**
     * @param clientAddress the caller's client address, or {@link ClientAddress#unknown()} when there is none
     *                      (embedded use); per-address limits apply only when it is known
     */
    record Command(String code, ClientAddress clientAddress) {
        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
            code = Codes.require(code);
        }

        @Override
        public String toString() {
            return "ConfirmEmail[***]";
        }
    }

    /** Shape check of a presented code: present and of sane length. */
    final class Codes {
        private Codes() {
        }

        static String require(String code) {
            if (code == null || code.isBlank()) {
                throw new InvalidInputException("code_required", "code", "A code is required.");
            }
            if (code.length() > 512) {
                throw new InvalidInputException("invalid_code", "code", "The code is not valid.");
            }
            return code.strip();
        }
    }
}
