package io.userservice.core.port.in;

/** Revokes the refresh token and its whole family. Unknown tokens are ignored. */
public interface LogOutUseCase {

    void logOut(Command command);

    /** @param clientAddress for the audit trail, or null */
    record Command(String refreshToken, String clientAddress) {

        /** A sign-out without a client address. */
        public Command(String refreshToken) {
            this(refreshToken, null);
        }

        @Override
        public String toString() {
            return "LogOut[***]";
        }
    }
}
