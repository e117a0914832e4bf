package io.userservice.core.port.in;

import io.userservice.core.domain.ClientAddress;
import java.util.Objects;

/** Signs a browser into the portal with email and password, checked as {@link LogInUseCase} checks them. */
public interface SignInToPortalUseCase {

    PortalLogin signIn(Command command);

    /**
     * @param clientAddress the caller's client address, or {@link ClientAddress#unknown()} when there is none
     *                      (embedded use); per-address limits apply only when it is known
     * @param deviceToken   the browser's device token from an earlier sign-in, or null
     * @param openIdConnect whether the sign-in is an OpenID Connect client's (its sign-in page);
     *                      it is the same sign-in, only reported under its own channel
     */
    record Command(String email, String password, ClientAddress clientAddress, String deviceToken,
            boolean openIdConnect) {

        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
        }

        /** A sign-in on the portal's own form. */
        public Command(String email, String password, ClientAddress clientAddress, String deviceToken) {
            this(email, password, clientAddress, deviceToken, false);
        }

        /** A sign-in from a browser without a device token. */
        public Command(String email, String password, ClientAddress clientAddress) {
            this(email, password, clientAddress, null);
        }

        @Override
        public String toString() {
            return "SignInToPortal[***]";
        }
    }
}
