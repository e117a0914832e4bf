package io.userservice.core.port.in;

import io.userservice.core.domain.User;
import java.time.Instant;
import java.util.Optional;

/** Signing a browser into the portal and out again. */
public interface PortalSessionUseCases {

    /**
     * Redeems a portal-capable access token: its one-time use is consumed (of concurrent
     * redemptions on any number of instances exactly one succeeds) and a session starts.
     *
     * @param clientAddress the caller's client address, for the audit trail, or null
     * @throws io.userservice.core.domain.InvalidTokenException when the token is invalid, expired,
     *                                                          not meant for the portal, or used
     */
    PortalLogin redeem(String token, String clientAddress);

    /** Redeems a portal-capable token of a caller whose address is unknown. */
    default PortalLogin redeem(String token) {
        return redeem(token, null);
    }

    /**
     * Signs in with email and password, as {@link LogInUseCase} checks them.
     *
     * @param clientAddress the caller's client address, or null when there is none (embedded use); per-address limits apply only when it is known
     * @param deviceToken   the browser's device token from an earlier sign-in, or null
     */
    PortalLogin signIn(String email, String password, String clientAddress, String deviceToken);

    /** Signs in from a browser without a device token. */
    default PortalLogin signIn(String email, String password, String clientAddress) {
        return signIn(email, password, clientAddress, null);
    }

    /** The user of a live session. */
    Optional<User> currentUser(String sessionSecret);

    /** Ends the session; unknown secrets are ignored. */
    void signOut(String sessionSecret);

    /**
     * A started session: its secret (for the cookie), its user, when it ends, and the device token
     * the browser keeps for its next sign-in (null when none is issued).
     */
    record PortalLogin(User user, String sessionSecret, Instant expiresAt, String deviceToken) {
        @Override
        public String toString() {
            return "PortalLogin[user=" + user.id() + ", expiresAt=" + expiresAt + "]";
        }
    }
}
