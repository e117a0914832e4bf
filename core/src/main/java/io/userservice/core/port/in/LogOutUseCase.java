package io.userservice.core.port.in;

/** Revokes the refresh token and its whole family. Unknown tokens are ignored. */
public interface LogOutUseCase {

    void logOut(Command command);

    record Command(String refreshToken) {
        @Override
        public String toString() {
            return "LogOut[***]";
        }
    }
}
