package io.userservice.core.port.in;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.TokenPair;
import io.userservice.core.domain.User;
import java.util.Objects;

/** Checks a user's email and password and issues an access and a refresh token. */
public interface LogInUseCase {

    Result logIn(Command command);

    /**
     * Raw input: a malformed email is not an input error here, it is a failed sign-in.
     *
     * @param clientAddress the caller's client address, or {@link ClientAddress#unknown()} when there is none
     *                      (embedded use); per-address limits apply only when it is known
     * @param userAgent     the client's {@code User-Agent}, or null, kept with the session
     * @param deviceToken   the device token this device received at its last sign-in, or null; while
     *                      the account is under attack, a device with one keeps signing in
     */
    record Command(String email, String password, ClientAddress clientAddress, String deviceToken, String userAgent) {

        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
        }

        /** A sign-in without a known user agent. */
        public Command(String email, String password, ClientAddress clientAddress, String deviceToken) {
            this(email, password, clientAddress, deviceToken, null);
        }

        /** A sign-in from a device without a device token. */
        public Command(String email, String password, ClientAddress clientAddress) {
            this(email, password, clientAddress, null);
        }

        @Override
        public String toString() {
            return "LogIn[***]";
        }
    }

    /** @param deviceToken the device token to keep for the next sign-in, or null when none is issued */
    record Result(User user, TokenPair tokens, String deviceToken) {
        @Override
        public String toString() {
            return "LogIn.Result[" + user + "]";
        }
    }
}
