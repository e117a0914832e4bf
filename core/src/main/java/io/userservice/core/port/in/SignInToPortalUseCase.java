package io.userservice.core.port.in;

/** Signs a browser into the portal with email and password, checked as {@link LogInUseCase} checks them. */
public interface SignInToPortalUseCase {

    PortalLogin signIn(Command command);

    /**
     * @param clientAddress the caller's client address, or null when there is none (embedded use);
     *                      per-address limits apply only when it is known
     * @param deviceToken   the browser's device token from an earlier sign-in, or null
     */
    record Command(String email, String password, String clientAddress, String deviceToken) {

        /** A sign-in from a browser without a device token. */
        public Command(String email, String password, String clientAddress) {
            this(email, password, clientAddress, null);
        }

        @Override
        public String toString() {
            return "SignInToPortal[***]";
        }
    }
}
