package io.userservice.core.port.in;

import io.userservice.core.domain.PasskeyRequestOptions;
import io.userservice.core.domain.SessionClient;
import io.userservice.core.domain.TokenPair;
import io.userservice.core.domain.User;

/**
 * Sign-in with a passkey and no password: {@link #options} hands out a single-use challenge, and
 * {@link #logIn} or {@link #signInToPortal} check the authenticator's assertion over it. User
 * verification is required, so the passkey is a second factor by itself. A deactivated or
 * unconfirmed user is refused as at a password sign-in; failures are throttled as sign-ins are.
 */
public interface SignInWithPasskeyUseCase {

    /**
     * The request options. They never depend on whether {@code email} (optional) belongs to anyone:
     * the browser offers the discoverable passkeys it holds for this service.
     *
     * @throws io.userservice.core.domain.TooManyRequestsException when the address or account is throttled
     */
    PasskeyRequestOptions options(OptionsCommand command);

    /**
     * @throws io.userservice.core.domain.InvalidPasskeyException      when the assertion proves nothing
     * @throws io.userservice.core.domain.EmailNotConfirmedException   for an unconfirmed user
     * @throws io.userservice.core.domain.TooManyRequestsException     when throttled
     */
    Result logIn(Command command);

    /** As {@link #logIn}, starting a portal (browser) session instead of a token pair. */
    PortalLogin signInToPortal(Command command);

    /** @param email optional; only counted for throttling */
    record OptionsCommand(String email, String clientAddress) {
        @Override
        public String toString() {
            return "PasskeySignInOptions[***]";
        }
    }

    /** @param responseJson the {@code PublicKeyCredential} from {@code navigator.credentials.get}, as JSON */
    record Command(String responseJson, SessionClient client) {
        public Command {
            client = client == null ? SessionClient.unknown() : client;
        }

        @Override
        public String toString() {
            return "SignInWithPasskey[***]";
        }
    }

    record Result(User user, TokenPair tokens) {
        @Override
        public String toString() {
            return "SignInWithPasskey.Result[" + user + "]";
        }
    }
}
