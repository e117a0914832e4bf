package io.userservice.core.port.in;

/**
 * The second page of the hosted sign-in (portal, OpenID Connect) for an account with two-factor
 * authentication on: the challenge token the first page handed on and one answer start the
 * browser session.
 */
public interface CompletePortalMfaSignInUseCase {

    PortalLogin complete(Command command);

    /**
     * @param openIdConnect whether the sign-in began on the OpenID Connect sign-in page (its
     *                      challenge is answered there only)
     */
    record Command(String mfaToken, String code, String recoveryCode, String clientAddress, boolean openIdConnect) {

        @Override
        public String toString() {
            return "CompletePortalMfaSignIn[***]";
        }
    }
}
