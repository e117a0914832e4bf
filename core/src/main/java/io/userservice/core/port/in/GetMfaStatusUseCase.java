package io.userservice.core.port.in;

import java.util.List;

/** Which second factors a user has on, and how many recovery codes are left. */
public interface GetMfaStatusUseCase {

    Status status(long userId);

    /**
     * @param enabled            whether sign-ins need a second factor
     * @param totp               whether an authenticator is on
     * @param totpPending        whether an authenticator was added but not yet confirmed
     * @param recoveryCodesLeft  unused recovery codes
     * @param methods            how a sign-in challenge can be answered now
     */
    record Status(boolean enabled, boolean totp, boolean totpPending, int recoveryCodesLeft, List<String> methods) {
        public Status {
            methods = List.copyOf(methods);
        }
    }
}
