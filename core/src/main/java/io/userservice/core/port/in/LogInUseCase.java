package io.userservice.core.port.in;

import io.userservice.core.domain.TokenPair;
import io.userservice.core.domain.User;

/** Checks a user's email and password and issues an access and a refresh token. */
public interface LogInUseCase {

    Result logIn(Command command);

    /**
     * Raw input: a malformed email is not an input error here, it is a failed sign-in.
     *
     * @param clientAddress the caller's client address, or null when there is none (embedded use); per-address limits apply only when it is known
     */
    record Command(String email, String password, String clientAddress) {

        /** A sign-in without a client address. */
        public Command(String email, String password) {
            this(email, password, null);
        }

        @Override
        public String toString() {
            return "LogIn[***]";
        }
    }

    record Result(User user, TokenPair tokens) {
    }
}
