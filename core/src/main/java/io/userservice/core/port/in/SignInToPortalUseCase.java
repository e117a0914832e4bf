package io.userservice.core.port.in;

/** Signs a browser into the portal with email and password, checked as {@link LogInUseCase} checks them. */
public interface SignInToPortalUseCase {

    PortalLogin signIn(Command command);

    /**
     * @param clientAddress the caller's client address, or null when there is none (embedded use);
     *                      per-address limits apply only when it is known
     * @param deviceToken   the browser's device token from an earlier sign-in, or null
     * @param openIdConnect whether the sign-in is an OpenID Connect client's (its sign-in page);
     *                      it is the same sign-in, only reported under its own channel
     */
    record Command(String email, String password, String clientAddress, String deviceToken, boolean openIdConnect) {

        /** A sign-in on the portal's own form. */
        public Command(String email, String password, String clientAddress, String deviceToken) {
            this(email, password, clientAddress, deviceToken, false);
        }

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
