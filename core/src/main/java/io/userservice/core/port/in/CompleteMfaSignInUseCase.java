package io.userservice.core.port.in;

/**
 * The second step of {@code POST /auth/login} for an account with two-factor authentication on:
 * the challenge token from the first step and one answer (an authenticator code or a recovery
 * code) give the usual tokens.
 */
public interface CompleteMfaSignInUseCase {

    LogInUseCase.Result complete(Command command);

    /**
     * @param mfaToken      the challenge token the password step returned
     * @param code          a 6-digit authenticator code, or null
     * @param recoveryCode  a recovery code, or null (exactly one of the two is given)
     * @param clientAddress the caller's address, or null
     * @param userAgent     the client's {@code User-Agent}, or null
     */
    record Command(String mfaToken, String code, String recoveryCode, String clientAddress, String userAgent) {

        public Command(String mfaToken, String code, String recoveryCode) {
            this(mfaToken, code, recoveryCode, null, null);
        }

        @Override
        public String toString() {
            return "CompleteMfaSignIn[***]";
        }
    }
}
