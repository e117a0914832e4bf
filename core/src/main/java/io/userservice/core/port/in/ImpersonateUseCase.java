package io.userservice.core.port.in;

import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.port.in.IssuePortalTokenUseCase.IssuedToken;

/**
 * Mints an access token for another user, on behalf of a caller who holds role {@code admin} or
 * {@code user-edit} (checked against the stored roles, not the caller's token). The token names
 * the caller in its {@code act} claim, comes without a refresh token, and cannot itself be used
 * to mint further tokens. Every attempt is audited.
 */
public interface ImpersonateUseCase {

    /**
     * @throws io.userservice.core.domain.AccessDeniedException without the role, or when the caller
     *                                                           authenticated with an impersonation token
     * @throws io.userservice.core.domain.NotFoundException      when the target user does not exist
     */
    IssuedToken impersonate(Command command);

    /**
     * @param callerId           the authenticated caller
     * @param callerImpersonates whether the caller authenticated with an impersonation token
     * @param targetUserId       the user to mint the token for
     * @param validityInMinutes  null for the default, else 1 to one day
     * @param clientAddress      for the audit trail
     */
    record Command(long callerId, boolean callerImpersonates, long targetUserId, Integer validityInMinutes,
                   String clientAddress) {
        public Command {
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
