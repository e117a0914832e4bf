package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.port.in.IssuePortalTokenUseCase.IssuedToken;
import java.time.Instant;
import java.util.Objects;

/**
 * A fresh portal-capable access token for an already authenticated user (the Nexudus
 * {@code AccessToken} of {@code /user/me}). The new token never outlives the credential that
 * minted it: it expires no later than the presented token, and never later than the configured
 * longest lifetime of portal tokens. It carries the presenter's credential epoch, so it dies with
 * the presented token when the password is reset. A token minted on someone's behalf cannot mint.
 * Every minted token is audited.
 */
public interface MintPortalTokenUseCase {

    /**
     * @throws io.userservice.core.domain.AccessDeniedException when the caller holds an impersonation token
     * @throws io.userservice.core.domain.InvalidTokenException when the user no longer exists or the
     *                                                          credential no longer speaks for them
     */
    IssuedToken mint(Command command);

    /**
     * @param caller              who presented the credential
     * @param epoch               the credential epoch the presented credential was granted at
     * @param credentialExpiresAt when the presented token expires; null for a password (Basic)
     * @param clientAddress       for the audit trail
     */
    record Command(Caller caller, long epoch, Instant credentialExpiresAt, ClientAddress clientAddress) {
        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
            Objects.requireNonNull(caller, "caller");
            if (caller.isOperator()) {
                throw new IllegalArgumentException("a portal token is minted for a user");
            }
        }
    }
}
