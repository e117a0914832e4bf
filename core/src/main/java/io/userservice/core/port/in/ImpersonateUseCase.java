package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.port.in.IssuePortalTokenUseCase.IssuedToken;
import java.util.Objects;

/**
 * Mints an access token for another user, on behalf of a caller who holds role {@code admin} or
 * {@code user-edit} (checked against the stored roles, not the caller's token). A caller may
 * impersonate only a user whose roles are all roles the caller holds too, and never a user who
 * may impersonate others ({@code admin} or {@code user-edit}): so no one reaches a role they do
 * not have, and no administrator can act as another. The token names the caller in its
 * {@code act} claim, lives at most the configured portal-token lifetime, comes without a refresh
 * token, and cannot itself be used to mint further tokens or on administrative routes. Every
 * attempt is audited under the real actor.
 */
public interface ImpersonateUseCase {

    /**
     * @throws io.userservice.core.domain.AccessDeniedException without the role, for a target the
     *                                                           caller may not impersonate, or when
     *                                                           the caller holds an impersonation token
     * @throws io.userservice.core.domain.NotFoundException      when the target user does not exist
     */
    IssuedToken impersonate(Command command);

    /**
     * @param caller            the authenticated caller
     * @param targetUserId      the user to mint the token for
     * @param validityInMinutes null for the default, else 1 to one day (shortened to the configured
     *                          longest lifetime of such tokens)
     * @param clientAddress     for the audit trail
     */
    record Command(Caller caller, long targetUserId, Integer validityInMinutes, ClientAddress clientAddress) {
        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
            Objects.requireNonNull(caller, "caller");
            if (validityInMinutes != null && (validityInMinutes < 1
                    || validityInMinutes > IssuePortalTokenUseCase.MAX_VALIDITY_MINUTES)) {
                throw new InvalidInputException("invalid_validity", "validityInMinutes",
                        "validityInMinutes must be between 1 and " + IssuePortalTokenUseCase.MAX_VALIDITY_MINUTES + ".");
            }
        }

        public int minutes() {
            return validityInMinutes == null ? IssuePortalTokenUseCase.DEFAULT_VALIDITY_MINUTES : validityInMinutes;
        }
    }
}
