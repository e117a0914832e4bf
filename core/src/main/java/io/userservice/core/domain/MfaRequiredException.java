package io.userservice.core.domain;

import java.util.List;

/**
 * The password was right and the account has a second factor on: the sign-in goes on with a
 * challenge. The challenge token is single-use and short-lived; it is the only thing that lets the
 * caller finish the sign-in, and it says nothing about the account to anyone without the password.
 */
public class MfaRequiredException extends UserServiceException {

    private static final long serialVersionUID = 1L;

    private final transient String mfaToken;
    private final List<String> methods;

    public MfaRequiredException(String mfaToken, List<String> methods) {
        super("mfa_required", "A second factor is required: send one of the methods with the mfaToken.");
        this.mfaToken = mfaToken;
        this.methods = List.copyOf(methods);
    }

    /** The challenge token to send with the code. */
    public String mfaToken() {
        return mfaToken;
    }

    /** How the challenge can be answered, e.g. {@code totp}, {@code recovery_code}. */
    public List<String> methods() {
        return methods;
    }
}
