package io.userservice.core.port.in;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.PasskeyRequestOptions;
import io.userservice.core.domain.SessionClient;
import io.userservice.core.domain.TokenPair;
import io.userservice.core.domain.User;
import java.util.Objects;

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

    /**
     * @param email   optional; only counted for throttling
     * @param boundTo what this sign-in is for, when it is for one thing only (e.g. a digest of the
     *                OpenID Connect authorization request whose page asked), or null: the challenge
     *                is issued with this binding, and only a {@link Command} naming the same one
     *                accepts an assertion over it
     */
    record OptionsCommand(String email, ClientAddress clientAddress, String boundTo) {

        public OptionsCommand {
            Objects.requireNonNull(clientAddress, "clientAddress");
        }

        public OptionsCommand(String email, ClientAddress clientAddress) {
            this(email, clientAddress, null);
        }

        @Override
        public String toString() {
            return "PasskeySignInOptions[***]";
        }
    }

    /**
     * @param responseJson the {@code PublicKeyCredential} from {@code navigator.credentials.get}, as JSON
     * @param boundTo      the binding the options were asked with, or null (see {@link OptionsCommand})
     */
    record Command(String responseJson, SessionClient client, String boundTo) {
        public Command {
            Objects.requireNonNull(client, "client");
        }

        public Command(String responseJson, SessionClient client) {
            this(responseJson, client, null);
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
