package io.userservice.core.port.in;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.PasskeyRequestOptions;
import java.util.Objects;

/**
 * The second page of the hosted sign-in (portal, OpenID Connect) for an account with two-factor
 * authentication on: the challenge token the first page handed on and one answer start the
 * browser session.
 */
public interface CompletePortalMfaSignInUseCase {

    PortalLogin complete(Command command);

    /**
     * WebAuthn request options for answering the challenge with a passkey on the second page:
     * {@code allowCredentials} are the challenged user's passkeys, and the WebAuthn challenge works
     * for this sign-in challenge only.
     *
     * @throws io.userservice.core.domain.InvalidMfaTokenException when the challenge is not live on this page's channel
     * @throws io.userservice.core.domain.InvalidInputException    when the user has no passkey
     */
    PasskeyRequestOptions webauthnOptions(OptionsCommand command);

    /** @param openIdConnect whether the challenge was started on the OpenID Connect sign-in page */
    record OptionsCommand(String mfaToken, ClientAddress clientAddress, boolean openIdConnect) {

        public OptionsCommand {
            Objects.requireNonNull(clientAddress, "clientAddress");
        }
        @Override
        public String toString() {
            return "PortalMfaWebauthnOptions[***]";
        }
    }

    /**
     * @param code          a 6-digit authenticator code, or null
     * @param recoveryCode  a recovery code, or null
     * @param webauthn      a passkey assertion ({@code PublicKeyCredential} JSON) over the options of
     *                      {@link #webauthnOptions}, or null (exactly one of the three is given)
     * @param openIdConnect whether the sign-in began on the OpenID Connect sign-in page (its
     *                      challenge is answered there only)
     */
    record Command(String mfaToken, String code, String recoveryCode, String webauthn, ClientAddress clientAddress,
                   boolean openIdConnect) {

        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
        }

        public Command(String mfaToken, String code, String recoveryCode, ClientAddress clientAddress,
                       boolean openIdConnect) {
            this(mfaToken, code, recoveryCode, null, clientAddress, openIdConnect);
        }

        @Override
        public String toString() {
            return "CompletePortalMfaSignIn[***]";
        }
    }
}
