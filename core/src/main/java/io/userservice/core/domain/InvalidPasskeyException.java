package io.userservice.core.domain;

/**
 * A passkey sign-in that proves nothing: an unknown credential, a challenge that is unknown,
 * used or expired, a signature, origin or relying party that does not check out, or a user who
 * may not sign in. One failure for all of them, as a wrong password is one failure.
 */
public class InvalidPasskeyException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    public InvalidPasskeyException() {
        super("invalid_passkey", "The passkey could not be verified.");
    }
}
