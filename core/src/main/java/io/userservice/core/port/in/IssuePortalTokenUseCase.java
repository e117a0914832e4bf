package io.userservice.core.port.in;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidInputException;
import java.time.Instant;
import java.util.Objects;

/**
 * Checks a user's email and password and issues an access token that works as a bearer token
 * until it expires and, once, as a portal sign-in link (the Nexudus API's {@code /api/sys/users/token}).
 */
public interface IssuePortalTokenUseCase {

    int DEFAULT_VALIDITY_MINUTES = 30;
    int MAX_VALIDITY_MINUTES = 24 * 60;

    IssuedToken issue(Command command);

    /**
     * {@code validityInMinutes} may be null (the default) or between 1 and one day.
     *
     * @param clientAddress the caller's client address, or {@link ClientAddress#unknown()} when there is none
     *                      (embedded use); per-address limits apply only when it is known
     */
    record Command(String email, String password, Integer validityInMinutes, ClientAddress clientAddress) {

        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
            if (validityInMinutes != null && (validityInMinutes < 1 || validityInMinutes > MAX_VALIDITY_MINUTES)) {
                throw new InvalidInputException("invalid_validity", "validityInMinutes",
                        "validityInMinutes must be between 1 and " + MAX_VALIDITY_MINUTES + ".");
            }
        }

        public int minutes() {
            return validityInMinutes == null ? DEFAULT_VALIDITY_MINUTES : validityInMinutes;
        }

        @Override
        public String toString() {
            return "IssuePortalToken[***]";
        }
    }

    record IssuedToken(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[expiresAt=" + expiresAt + "]";
        }
    }
}
