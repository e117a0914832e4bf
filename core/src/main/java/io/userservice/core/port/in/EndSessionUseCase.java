package io.userservice.core.port.in;

import io.userservice.core.domain.ClientAddress;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * RP-initiated logout: ends the browser's portal session and returns to the client's
 * {@code post_logout_redirect_uri} only when it is registered for that client.
 */
public interface EndSessionUseCase {

    /**
     * Checks the request without ending anything: where the logout will return to, if anywhere.
     *
     * @throws io.userservice.core.domain.AuthorizationRequestException for a bad hint, an unknown
     *                                                                  client or an unregistered URI
     */
    Optional<URI> check(Command command);

    /** Ends the session (if any) and says where to go, as {@link #check} does. */
    Optional<URI> endSession(Command command);

    record Command(String idTokenHint, String clientId, String postLogoutRedirectUri, String state,
                   String sessionSecret, ClientAddress clientAddress) {

        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
        }
        @Override
        public String toString() {
            return "EndSession[" + clientId + "]";
        }
    }
}
