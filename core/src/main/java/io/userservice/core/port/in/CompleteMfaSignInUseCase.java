package io.userservice.core.port.in;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.PasskeyRequestOptions;
import java.util.Objects;

/**
 * The second step of {@code POST /auth/login} for an account with two-factor authentication on:
 * the challenge token from the first step and one answer (an authenticator code or a recovery
 * code) give the usual tokens.
 */
public interface CompleteMfaSignInUseCase {

    LogInUseCase.Result complete(Command command);

    /**
     * WebAuthn request options for answering the challenge with a passkey: {@code allowCredentials}
     * are the challenged user's passkeys, and the WebAuthn challenge is stored server-side, bound to
     * that user's second step (it works for no other ceremony or user).
     */
    PasskeyRequestOptions webauthnOptions(OptionsCommand command);

    /** @param mfaToken the challenge token the password step returned */
    record OptionsCommand(String mfaToken, ClientAddress clientAddress) {

        public OptionsCommand {
            Objects.requireNonNull(clientAddress, "clientAddress");
        }
        @Override
        public String toString() {
            return "MfaWebauthnOptions[***]";
        }
    }

    /**
     * @param mfaToken      the challenge token the password step returned
     * @param code          a 6-digit authenticator code, or null
     * @param recoveryCode  a recovery code, or null
     * @param webauthn      a passkey assertion ({@code PublicKeyCredential} JSON) answering the
     *                      options of {@link #webauthnOptions}, or null (exactly one of the three is given)
     * @param clientAddress the caller's address, or {@link ClientAddress#unknown()}
     * @param userAgent     the client's {@code User-Agent}, or null
     */
    record Command(String mfaToken, String code, String recoveryCode, String webauthn, ClientAddress clientAddress,
                   String userAgent) {

        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
        }

        public Command(String mfaToken, String code, String recoveryCode, ClientAddress clientAddress,
                String userAgent) {
            this(mfaToken, code, recoveryCode, null, clientAddress, userAgent);
        }

        @Override
        public String toString() {
            return "CompleteMfaSignIn[***]";
        }
    }
}
