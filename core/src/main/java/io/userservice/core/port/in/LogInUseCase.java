package io.userservice.core.port.in;

import io.userservice.core.domain.TokenPair;
import io.userservice.core.domain.User;

/** Checks a user's email and password and issues an access and a refresh token. */
public interface LogInUseCase {

    Result logIn(Command command);

    /** Raw input: a malformed email is not an input error here, it is a failed sign-in. */
    record Command(String email, String password) {
        @Override
        public String toString() {
            return "LogIn[***]";
        }
    }

    record Result(User user, TokenPair tokens) {
    }
}
