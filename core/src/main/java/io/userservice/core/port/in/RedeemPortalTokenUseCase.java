package io.userservice.core.port.in;

import io.userservice.core.domain.ClientAddress;
import java.util.Objects;

/**
 * Signs a browser into the portal with a portal-capable access token (the Nexudus sign-in link):
 * its one-time use is consumed (of concurrent redemptions on any number of instances exactly one
 * succeeds) and a session starts. Audited, also when refused as used.
 */
public interface RedeemPortalTokenUseCase {

    /**
     * @throws io.userservice.core.domain.InvalidTokenException when the token is invalid, expired,
     *                                                          not meant for the portal, or used
     */
    PortalLogin redeem(Command command);

    /** @param clientAddress the caller's client address, for the audit trail, or {@link ClientAddress#unknown()} */
    record Command(String token, ClientAddress clientAddress) {

        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
        }

        @Override
        public String toString() {
            return "RedeemPortalToken[***]";
        }
    }
}
