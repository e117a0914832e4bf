package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Passkey;
import io.userservice.core.domain.PasskeyCreationOptions;
import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in user registers a passkey, in two steps: {@link #options} hands out the creation
 * options with a fresh single-use challenge, and {@link #register} checks the authenticator's
 * answer to it. Starting needs the password again, or a token from a sign-in at most
 * {@link #FRESH_SIGN_IN} ago. A token minted on the user's behalf by someone else can do neither.
 */
public interface RegisterPasskeyUseCase {

    /** How recent a sign-in stands in for the password. */
    java.time.Duration FRESH_SIGN_IN = java.time.Duration.ofMinutes(5);

    /**
     * @throws io.userservice.core.domain.ReauthenticationRequiredException without a password and
     *                                                                      without a fresh sign-in
     * @throws io.userservice.core.domain.InvalidCredentialsException       for a wrong password
     * @throws io.userservice.core.domain.AccessDeniedException             for an impersonation token
     */
    PasskeyCreationOptions options(OptionsCommand command);

    /**
     * @throws io.userservice.core.domain.InvalidInputException (code {@code invalid_passkey}) when
     *         the response does not verify or its challenge is not the user's, unused and live;
     *         (code {@code invalid_name}) for a bad name
     */
    Passkey register(Command command);

    /**
     * @param authTime when the caller's token says its sign-in happened, or null
     * @param password the password entered again, or null
     */
    record OptionsCommand(Caller caller, Instant authTime, String password, ClientAddress clientAddress) {
        public OptionsCommand {
            Objects.requireNonNull(clientAddress, "clientAddress");
            Objects.requireNonNull(caller, "caller");
        }

        @Override
        public String toString() {
            return "PasskeyOptions[caller=" + caller + ", ***]";
        }
    }

    /**
     * @param responseJson the {@code PublicKeyCredential} from {@code navigator.credentials.create}, as JSON
     * @param name         the owner's name for the passkey, or null for a default
     */
    record Command(Caller caller, String responseJson, String name, ClientAddress clientAddress) {
        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
            Objects.requireNonNull(caller, "caller");
        }

        @Override
        public String toString() {
            return "RegisterPasskey[caller=" + caller + "]";
        }
    }
}
